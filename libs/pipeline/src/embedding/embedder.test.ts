import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { isAppError } from '@repolens/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddingSettings } from '../settings.js';
import { loadEmbedder } from './embedder.js';

const modelsDir = fileURLToPath(new URL('../../../../models/', import.meta.url));
const stubScript = fileURLToPath(new URL('../../../../scripts/make-stub-model.mjs', import.meta.url));
const stubSettings: EmbeddingSettings = {
  modelId: 'repolens/code-embed-stub',
  modelsDir,
  allowRemoteModels: false,
  batchSize: 2,
};

function cosine(a: Float32Array, b: Float32Array): number {
  return a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);
}

beforeAll(async () => {
  // The pipeline build generates the stand-in model; tests make sure it exists the same way.
  await promisify(execFile)(process.execPath, [stubScript, '--if-missing']);
});

describe.each([
  ['the fast static path (default)', stubSettings],
  ['transformers.js', { ...stubSettings, fastStaticPath: false }],
])('loadEmbedder with the stand-in model, through %s', (_path, settings: EmbeddingSettings) => {
  it('returns 128-dimensional unit vectors', async () => {
    const embedder = await loadEmbedder(settings);
    expect(embedder.modelId).toBe('repolens/code-embed-stub');
    expect(embedder.dimension).toBe(128);

    const texts = ['parse the configuration file', 'open a socket', 'retry with backoff', 'write the index', 'x'];
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(texts.length);
    for (const vector of vectors) {
      expect(vector).toHaveLength(128);
      expect(cosine(vector, vector)).toBeCloseTo(1, 4);
    }
  });

  it('places texts that share words closer than unrelated texts, identifiers included', async () => {
    const embedder = await loadEmbedder(settings);
    const [question, related, unrelated] = await embedder.embed([
      'how is the retry delay computed',
      'export function computeRetryDelay(attempt: number) { return base * 2 ** attempt; }',
      'export function renderMarkdownTable(rows: string[][]) { return rows.join(); }',
    ]);
    if (question === undefined || related === undefined || unrelated === undefined) throw new Error('missing vectors');
    expect(cosine(question, related)).toBeGreaterThan(cosine(question, unrelated) + 0.2);
  });

  it('returns the same vectors on every load and a zero vector for empty text', async () => {
    const first = await loadEmbedder(settings);
    const second = await loadEmbedder(settings);
    const [a] = await first.embed(['load the settings']);
    const [b, empty] = await second.embed(['load the settings', '']);
    expect(Array.from(b ?? [])).toEqual(Array.from(a ?? []));
    expect(Array.from(empty ?? []).every((value) => value === 0)).toBe(true);
  });

  it('stops between batches when the signal is aborted', async () => {
    const embedder = await loadEmbedder(settings);
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(embedder.embed(['a b', 'c d', 'e f'], controller.signal)).rejects.toThrow('cancelled');
  });

  it('reports a model that is not installed as EMBEDDING_MODEL_UNAVAILABLE', async () => {
    const error = await loadEmbedder({ ...settings, modelId: 'repolens/not-installed' }).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('EMBEDDING_MODEL_UNAVAILABLE');
    expect(String((error as Error).message)).toMatch(/^Could not load embedding model repolens\/not-installed: /);
  });
});
