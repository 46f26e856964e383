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
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeStaticEmbeddingModel } from './static-embedding-onnx.mjs';

const DIMENSION = 128;
const SEED = 0x5eed_c0de;

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

async function main() {
  if (process.argv.includes('--if-missing') && existsSync(modelFile)) return;
  const { vocab, specialIds } = await readVocabulary();
  const bytes = await writeStaticEmbeddingModel({
    modelDir,
    table: buildTable(vocab, specialIds),
    vocabSize: vocab.length,
    dimension: DIMENSION,
    graphName: 'code-embed-stub',
    producerName: 'repolens-make-stub-model',
    repolens: { kind: 'static-embedding-stub', seed: SEED, dimension: DIMENSION },
  });
  process.stdout.write(`wrote ${path.relative(process.cwd(), modelFile)} (${bytes} bytes, ${DIMENSION} dimensions)\n`);
}

await main();
