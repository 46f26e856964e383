/**
 * Step 4: writes the trained table as models/repolens/code-embed-v1 in transformers.js layout
 * (config.json, the tokenizer files, onnx/model.onnx) through the same ONNX writer as the stub model,
 * then checks that the model loads through transformers.js and through the product's `loadEmbedder`,
 * and that both give the vectors the table itself gives (mean of token rows, normalised).
 *
 * Usage: node --conditions=source --import tsx tools/embedding-model/export-model.ts [--work <dir>]
 */
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AutoTokenizer, env, pipeline } from '@huggingface/transformers';
import { loadEmbedder } from '@repolens/pipeline';
import { writeStaticEmbeddingModel } from '../../scripts/static-embedding-onnx.mjs';
import { modelText } from './src/model-text.js';

const toolDir = path.dirname(fileURLToPath(import.meta.url));
const modelsDir = path.resolve(toolDir, '../../models');
export const MODEL_ID = 'repolens/code-embed-v1';
const TOKENIZER_SOURCE = 'repolens/code-embed-stub';
const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json'];
const VOCAB_SIZE = 30522;
const SPECIAL_IDS = [0, 100, 101, 102, 103];
const MIN_COSINE = 0.9999;

const CHECK_TEXTS = [
  'Compute the delay before the next retry attempt.',
  'def compute_retry_delay(attempt, base=0.5):\n    return base * 2 ** attempt',
  'func (c *Client) Do(req *http.Request) (*http.Response, error) {',
  'parseHTTPResponse reads the status line and headers',
];

interface TrainingReport {
  readonly settings: Record<string, unknown>;
  readonly bestEpoch: number;
  readonly trainingSeconds: number;
  readonly pairs: Record<string, number>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { work: { type: 'string', default: path.join(toolDir, 'work') } } });
  const workDir = path.resolve(values.work);
  const raw = await readFile(path.join(workDir, 'model', 'table.f32'));
  const table = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const dimension = table.length / VOCAB_SIZE;
  if (!Number.isInteger(dimension)) throw new Error(`table.f32 holds ${table.length} values, not a multiple of ${VOCAB_SIZE}`);
  for (const id of SPECIAL_IDS) table.fill(0, id * dimension, (id + 1) * dimension);
  const report = JSON.parse(await readFile(path.join(workDir, 'model', 'training.json'), 'utf8')) as TrainingReport;

  const modelDir = path.join(modelsDir, ...MODEL_ID.split('/'));
  const bytes = await writeStaticEmbeddingModel({
    modelDir,
    table,
    vocabSize: VOCAB_SIZE,
    dimension,
    graphName: 'code-embed-v1',
    producerName: 'repolens-embedding-model',
    repolens: {
      kind: 'static-embedding',
      dimension,
      training: 'tools/embedding-model (see its README.md and evaluation.md)',
      objective: 'symmetric InfoNCE, in-batch negatives, learned temperature',
      pairs: report.pairs,
      bestEpoch: report.bestEpoch,
      settings: report.settings,
    },
  });
  for (const file of TOKENIZER_FILES) {
    await copyFile(path.join(modelsDir, ...TOKENIZER_SOURCE.split('/'), file), path.join(modelDir, file));
  }
  log(`wrote ${path.relative(process.cwd(), modelDir)} (onnx ${(bytes / 1e6).toFixed(1)} MB, ${dimension} dimensions)`);
  await verify(table, dimension);
}

/** Both load paths must reproduce the table's own vectors. */
async function verify(table: Float32Array, dimension: number): Promise<void> {
  env.localModelPath = modelsDir;
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  const tokenizer = (await AutoTokenizer.from_pretrained(MODEL_ID)) as unknown as {
    encode(text: string, options: { add_special_tokens: boolean }): number[];
  };
  const expected = CHECK_TEXTS.map((text) => tableVector(table, dimension, tokenizer.encode(modelText(text), { add_special_tokens: true })));

  const extractor = await pipeline('feature-extraction', MODEL_ID);
  const output = await extractor(CHECK_TEXTS.map(modelText), { pooling: 'mean', normalize: true });
  const direct = CHECK_TEXTS.map((_, row) => Float32Array.from(output.data.slice(row * dimension, (row + 1) * dimension) as Float32Array));
  const started = performance.now();
  const embedder = await loadEmbedder({ modelId: MODEL_ID, modelsDir, allowRemoteModels: false, batchSize: 32 });
  const loadMs = performance.now() - started;
  const product = await embedder.embed(CHECK_TEXTS);
  for (const [index, vector] of expected.entries()) {
    const viaPipeline = cosine(vector, direct[index]!);
    const viaEmbedder = cosine(vector, product[index]!);
    if (viaPipeline < MIN_COSINE || viaEmbedder < MIN_COSINE) {
      throw new Error(`text ${index}: cosine with the table's vector is ${viaPipeline} (transformers.js), ${viaEmbedder} (loadEmbedder)`);
    }
  }
  log(`verified: transformers.js and loadEmbedder (${embedder.dimension} dimensions, loaded in ${loadMs.toFixed(0)} ms) match the table`);
}

function tableVector(table: Float32Array, dimension: number, ids: readonly number[]): Float32Array {
  const vector = new Float32Array(dimension);
  for (const id of ids) for (let d = 0; d < dimension; d++) vector[d]! += table[id * dimension + d]!;
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(na * nb);
}

function log(message: string): void {
  process.stderr.write(`[export-model] ${message}\n`);
}

await main();
