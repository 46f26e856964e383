#!/usr/bin/env node
// Writes RepoLens's stand-in embedding model, `repolens/code-embed-stub`, as an ONNX graph that
// transformers.js loads like any hub model: last_hidden_state = Gather(table, input_ids) * mask.
// Pretrained weights cannot be fetched here, so every token gets a fixed pseudo-random vector; after
// the pipeline's mean pooling and normalisation, cosine similarity then tracks token overlap, which is
// a fair stand-in for a learned model. The table is derived from a seeded PRNG using only integer
// arithmetic and sqrt, so every machine writes the same bytes.
//
// Usage: node scripts/make-stub-model.mjs [--if-missing]
//   --if-missing  do nothing when onnx/model.onnx already exists (used by the pipeline build).
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

const DIMENSION = 128;
const SEED = 0x5eed_c0de;
const OPSET = 17;
const IR_VERSION = 8;

// Frequent tokens carry little meaning; shrinking them keeps them from dominating every vector.
const CONTINUATION_SCALE = 0.6;
const STOPWORD_SCALE = 0.15;
const PUNCTUATION_SCALE = 0.1;
const STOPWORDS = new Set(
  ('a an and are as at be by can do does for from how i if in into is it its of on or that the this to was what ' +
    'when where which who why will with you your we our there then than so not no')
    .split(' '),
);

const modelDir = fileURLToPath(new URL('../models/repolens/code-embed-stub/', import.meta.url));
const modelFile = path.join(modelDir, 'onnx', 'model.onnx');

/** mulberry32: a tiny 32-bit PRNG with integer-only steps, identical on every platform. */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function tokenScale(token, specialIds, id) {
  if (specialIds.has(id)) return 0; // [CLS]/[SEP]/[PAD]... occur in every text and say nothing
  if (token.startsWith('##')) return CONTINUATION_SCALE;
  if (STOPWORDS.has(token)) return STOPWORD_SCALE;
  if (!/[\p{L}\p{N}]/u.test(token)) return PUNCTUATION_SCALE;
  return 1;
}

function buildTable(vocab, specialIds) {
  const size = vocab.length;
  const table = new Float32Array(size * DIMENSION);
  for (let id = 0; id < size; id++) {
    const scale = tokenScale(vocab[id] ?? '', specialIds, id);
    if (scale === 0) continue;
    const random = mulberry32(Math.imul(id + 1, 0x9e3779b1) ^ SEED);
    const row = new Float64Array(DIMENSION);
    let norm = 0;
    for (let d = 0; d < DIMENSION; d++) {
      // Sum of three uniforms: roughly Gaussian without transcendental functions.
      const value = random() + random() + random() - 1.5;
      row[d] = value;
      norm += value * value;
    }
    const factor = scale / Math.sqrt(norm);
    for (let d = 0; d < DIMENSION; d++) table[id * DIMENSION + d] = row[d] * factor;
  }
  return table;
}

async function readVocabulary() {
  const tokenizer = JSON.parse(await readFile(path.join(modelDir, 'tokenizer.json'), 'utf8'));
  const vocabEntries = Object.entries(tokenizer.model.vocab);
  const vocab = new Array(vocabEntries.length);
  for (const [token, id] of vocabEntries) vocab[id] = token;
  const specialIds = new Set(tokenizer.added_tokens.filter((t) => t.special).map((t) => t.id));
  return { vocab, specialIds };
}

function int64Input(name) {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.INT64,
        shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'sequence' }] },
      },
    },
  };
}

function buildModel(table, vocabSize) {
  const graph = {
    name: 'code-embed-stub',
    input: [int64Input('input_ids'), int64Input('attention_mask'), int64Input('token_type_ids')],
    output: [
      {
        name: 'last_hidden_state',
        type: {
          tensorType: {
            elemType: onnx.TensorProto.DataType.FLOAT,
            shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'sequence' }, { dimValue: DIMENSION }] },
          },
        },
      },
    ],
    initializer: [
      {
        name: 'embedding_table',
        dataType: onnx.TensorProto.DataType.FLOAT,
        dims: [vocabSize, DIMENSION],
        rawData: new Uint8Array(table.buffer, table.byteOffset, table.byteLength),
      },
      { name: 'last_axis', dataType: onnx.TensorProto.DataType.INT64, dims: [1], int64Data: [-1] },
    ],
    node: [
      {
        opType: 'Gather',
        input: ['embedding_table', 'input_ids'],
        output: ['token_vectors'],
        attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
      },
      {
        opType: 'Cast',
        input: ['attention_mask'],
        output: ['mask_float'],
        attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: onnx.TensorProto.DataType.FLOAT }],
      },
      { opType: 'Unsqueeze', input: ['mask_float', 'last_axis'], output: ['mask_column'] },
      // Padding positions become zero vectors, as a real encoder's masked outputs would not matter.
      { opType: 'Mul', input: ['token_vectors', 'mask_column'], output: ['last_hidden_state'] },
    ],
  };
  // token_type_ids is accepted (BERT tokenizers produce it) but plays no part.
  return onnx.ModelProto.encode({
    irVersion: IR_VERSION,
    producerName: 'repolens-make-stub-model',
    producerVersion: '1',
    opsetImport: [{ domain: '', version: OPSET }],
    graph,
  }).finish();
}

async function writeConfig() {
  const config = {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: DIMENSION,
    vocab_size: 30522,
    max_position_embeddings: 512,
    pad_token_id: 0,
    repolens: { kind: 'static-embedding-stub', seed: SEED, dimension: DIMENSION },
  };
  await writeAtomically(path.join(modelDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

/** Write then rename, so concurrent builds or tests never read half a file. */
async function writeAtomically(file, data) {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, file);
}

async function main() {
  if (process.argv.includes('--if-missing') && existsSync(modelFile)) return;
  const { vocab, specialIds } = await readVocabulary();
  const bytes = buildModel(buildTable(vocab, specialIds), vocab.length);
  await mkdir(path.dirname(modelFile), { recursive: true });
  await writeConfig();
  await writeAtomically(modelFile, bytes);
  process.stdout.write(`wrote ${path.relative(process.cwd(), modelFile)} (${bytes.length} bytes, ${DIMENSION} dimensions)\n`);
}

await main();
