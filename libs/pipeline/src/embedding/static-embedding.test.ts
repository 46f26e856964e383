import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddingSettings } from '../settings.js';
import { loadEmbedder } from './embedder.js';
import { expandIdentifiers } from './split-identifiers.js';
import { StaticEmbeddingPool } from './static-embedding-pool.js';
import { StaticEncoder } from './static-encoder.js';
import { probeStaticModel } from './static-model.js';
import { writeTinyModel } from './testing/tiny-onnx-model.js';
import { EDGE_CASE_TEXTS, variedTexts } from './testing/varied-texts.js';
import { WordPieceTokenizer } from './wordpiece-tokenizer.js';

const modelsDir = fileURLToPath(new URL('../../../../models/', import.meta.url));
const stubScript = fileURLToPath(new URL('../../../../scripts/make-stub-model.mjs', import.meta.url));
/** The shipped static models; the trained one is checked once it is in models/. */
const STATIC_MODELS = ['repolens/code-embed-stub', 'repolens/code-embed-v1'].filter(
  (id) => id === 'repolens/code-embed-stub' || existsSync(path.join(modelsDir, id, 'onnx', 'model.onnx')),
);

function settings(modelId: string, dir = modelsDir): EmbeddingSettings {
  return { modelId, modelsDir: dir, allowRemoteModels: false, batchSize: 16 };
}

function cosine(a: Float32Array, b: Float32Array): number {
  return a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);
}

/** The lowest cosine between paired vectors, counting two zero vectors (nothing to embed) as equal. */
function lowestCosine(a: readonly Float32Array[], b: readonly Float32Array[]): number {
  expect(a).toHaveLength(b.length);
  return Math.min(
    ...a.map((vector, index) => {
      const other = b[index] ?? new Float32Array(vector.length);
      const bothZero = vector.every((v) => v === 0) && other.every((v) => v === 0);
      return bothZero ? 1 : cosine(vector, other);
    }),
  );
}

let texts: string[];
let temp: string;

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [stubScript, '--if-missing']);
  texts = await variedTexts(600);
  temp = await mkdtemp(path.join(tmpdir(), 'repolens-static-embedding-'));
});

afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe.each(STATIC_MODELS)('the fast path for the static model %s', (modelId) => {
  it('is recognised as a static model', async () => {
    const probe = await probeStaticModel(modelsDir, modelId);
    expect(probe.isStatic ? 'static' : probe.reason).toBe('static');
  });

  it('gives the vectors of the transformers.js pipeline for real code, prose and edge cases (cosine ≥ 0.9999)', async () => {
    expect(texts.length).toBeGreaterThanOrEqual(600);
    const fast = await loadEmbedder(settings(modelId));
    const pipeline = await loadEmbedder({ ...settings(modelId), fastStaticPath: false });
    expect(fast.dimension).toBe(pipeline.dimension);
    // Large calls go to the worker threads, single texts stay in this thread: both must agree.
    const [fastVectors, pipelineVectors, singles] = await Promise.all([
      fast.embed(texts),
      pipeline.embed(texts),
      Promise.all(EDGE_CASE_TEXTS.map(async (text) => (await fast.embed([text]))[0] ?? new Float32Array())),
    ]);
    expect(lowestCosine(fastVectors, pipelineVectors)).toBeGreaterThanOrEqual(0.9999);
    expect(lowestCosine(singles, pipelineVectors.slice(-EDGE_CASE_TEXTS.length))).toBeGreaterThanOrEqual(0.9999);
    for (const vector of fastVectors) expect(vector).toHaveLength(fast.dimension);
  });

  it('cuts texts into the same token ids as transformers.js, identifiers expanded or not', async () => {
    const { AutoTokenizer, env } = await import('@huggingface/transformers');
    env.localModelPath = modelsDir;
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    const reference = await AutoTokenizer.from_pretrained(modelId);
    const dir = path.join(modelsDir, modelId);
    const tokenizer = new WordPieceTokenizer(
      JSON.parse(await readFile(path.join(dir, 'tokenizer.json'), 'utf8')),
      JSON.parse(await readFile(path.join(dir, 'tokenizer_config.json'), 'utf8')),
    );
    const inputs = [...(await variedTexts(2_500)), ...texts.map(expandIdentifiers)];
    const differing = inputs.filter((text) => {
      const expected = reference(text, { truncation: true, return_tensor: false }).input_ids;
      const actual = tokenizer.encode(text);
      return !Array.isArray(expected) || expected.length !== actual.length || expected.some((id, index) => id !== actual[index]);
    });
    expect(inputs.length).toBeGreaterThanOrEqual(3_000);
    expect(differing).toEqual([]);
  });
});

describe('the worker threads of the fast path', () => {
  it('embed in the threads, giving the vectors of the calling thread', async () => {
    const probe = await probeStaticModel(modelsDir, 'repolens/code-embed-stub');
    if (!probe.isStatic) throw new Error(probe.reason);
    const here = new StaticEncoder(probe.tokenizer, new Float32Array(probe.data.table), probe.data.dimension);
    const pool = new StaticEmbeddingPool(probe.data, 2, () => {
      throw new Error('the pool embedded in the calling thread');
    });
    try {
      const parts = [texts.slice(0, 40), texts.slice(40, 80), texts.slice(80, 120)];
      const vectors = await Promise.all(parts.map((part) => pool.embed(part)));
      vectors.forEach((part, index) => expect(Array.from(part)).toEqual(Array.from(here.embed(parts[index] ?? []))));
    } finally {
      await pool.close();
    }
  });
});

describe('which path loadEmbedder takes', () => {
  it('runs a lookup-only graph and a lookup-times-mask graph by table lookup, with the pipeline’s vectors', async () => {
    await writeTinyModel(temp, 'tiny/gather', { kind: 'gather' });
    await writeTinyModel(temp, 'tiny/gather-mask', { kind: 'gather-mask' });
    for (const modelId of ['tiny/gather', 'tiny/gather-mask']) {
      expect((await probeStaticModel(temp, modelId)).isStatic).toBe(true);
      const fast = await (await loadEmbedder(settings(modelId, temp))).embed(texts.slice(0, 100));
      const pipeline = await (await loadEmbedder({ ...settings(modelId, temp), fastStaticPath: false })).embed(texts.slice(0, 100));
      expect(lowestCosine(fast, pipeline)).toBeGreaterThanOrEqual(0.9999);
    }
  });

  it('keeps a graph that computes more than a lookup on transformers.js', async () => {
    await writeTinyModel(temp, 'tiny/relu', { kind: 'relu' });
    const probe = await probeStaticModel(temp, 'tiny/relu');
    expect(probe.isStatic ? 'static' : probe.reason).toMatch(/Relu/);

    // Same table, so a table lookup would give the lookup model's vectors; ReLU's differ from them.
    await writeTinyModel(temp, 'tiny/lookup', { kind: 'gather' });
    const sample = texts.slice(0, 50);
    const relu = await (await loadEmbedder(settings('tiny/relu', temp))).embed(sample);
    const reluByPipeline = await (await loadEmbedder({ ...settings('tiny/relu', temp), fastStaticPath: false })).embed(sample);
    const lookup = await (await loadEmbedder(settings('tiny/lookup', temp))).embed(sample);
    expect(lowestCosine(relu, reluByPipeline)).toBeGreaterThanOrEqual(0.9999);
    expect(lowestCosine(relu, lookup)).toBeLessThan(0.99);
    for (const vector of relu) expect(vector.every((value) => value >= 0)).toBe(true);
  });

  it('keeps a model whose config asks transformers.js for other weights on transformers.js', async () => {
    await writeTinyModel(temp, 'tiny/quantized', { kind: 'gather', transformersJsConfig: { dtype: 'q8' } });
    const probe = await probeStaticModel(temp, 'tiny/quantized');
    expect(probe.isStatic ? 'static' : probe.reason).toMatch(/q8/);
  });

  it('reports a static model that is missing its files as EMBEDDING_MODEL_UNAVAILABLE, as before', async () => {
    const probe = await probeStaticModel(temp, 'tiny/absent');
    expect(probe.isStatic).toBe(false);
    await expect(loadEmbedder(settings('tiny/absent', temp))).rejects.toMatchObject({ code: 'EMBEDDING_MODEL_UNAVAILABLE' });
  });
});
