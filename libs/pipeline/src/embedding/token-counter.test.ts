import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder } from './embedder.js';
import { expandIdentifiers } from './split-identifiers.js';
import { approximateTokenCounter, modelTokenBudget, type TokenCounter } from './token-counter.js';
import { WordPieceTokenizer } from './wordpiece-tokenizer.js';

const modelsDir = fileURLToPath(new URL('../../../../models/', import.meta.url));
const stubScript = fileURLToPath(new URL('../../../../scripts/make-stub-model.mjs', import.meta.url));
const MODEL = 'repolens/code-embed-stub';

const SOURCE = `export function computeRetryDelay(attempt: number, baseMs = 100): number {
  // Exponential backoff, capped at thirty seconds: HTTP_TOO_MANY_REQUESTS waits longer.
  return Math.min(30_000, baseMs * 2 ** attempt);
}`;

describe('the token counter of a loaded model', () => {
  let counter: TokenCounter;
  let tokenizer: WordPieceTokenizer;

  beforeAll(async () => {
    await promisify(execFile)(process.execPath, [stubScript, '--if-missing']);
    const embedder = await loadEmbedder({ modelId: MODEL, modelsDir, allowRemoteModels: false, batchSize: 8 });
    if (embedder.tokens === undefined) throw new Error('no token counter');
    counter = embedder.tokens;
    const dir = path.join(modelsDir, MODEL);
    tokenizer = new WordPieceTokenizer(
      JSON.parse(await readFile(path.join(dir, 'tokenizer.json'), 'utf8')),
      JSON.parse(await readFile(path.join(dir, 'tokenizer_config.json'), 'utf8')),
    );
  });

  it('counts the tokens the model is given for a text, without its [CLS] and [SEP]', () => {
    expect(counter.count(SOURCE) + 2).toBe(tokenizer.encode(expandIdentifiers(SOURCE)).length);
    expect(counter.count('')).toBe(0);
  });

  it('counts a line the same however it is indented and however often it is met', () => {
    const line = 'return Math.min(30_000, baseMs * 2 ** attempt);';
    const fresh = tokenizer.encode(expandIdentifiers(line)).length - 2;
    expect([counter.count(line), counter.count(`    ${line}`), counter.count(`\t${line}  `), counter.count(line)]).toEqual([fresh, fresh, fresh, fresh]);
    expect(counter.count('   \t ')).toBe(0);
  });

  it('says how many the model reads: model_max_length less the special tokens', () => {
    expect(counter.maxTokens).toBe(510);
  });

  it('counts past that length rather than stopping where the model truncates', () => {
    const long = Array.from({ length: 100 }, () => SOURCE).join('\n');
    expect(counter.count(long)).toBe(100 * counter.count(SOURCE));
    expect(tokenizer.encode(expandIdentifiers(long))).toHaveLength(512);
  });

  it('gives the same count for a text as the sum over its lines', () => {
    const lines = SOURCE.split('\n');
    expect(lines.reduce((sum, line) => sum + counter.count(line), 0)).toBe(counter.count(SOURCE));
  });
});

describe('modelTokenBudget', () => {
  it('takes the special tokens from the length, and falls back for a missing or absurd one', () => {
    expect(modelTokenBudget(256, 2)).toBe(254);
    expect(modelTokenBudget(undefined, 2)).toBe(510);
    expect(modelTokenBudget(1e30, 2)).toBe(510);
  });
});

describe('approximateTokenCounter', () => {
  it('lands within a factor of two of the real tokenizer on code', async () => {
    await promisify(execFile)(process.execPath, [stubScript, '--if-missing']);
    const embedder = await loadEmbedder({ modelId: MODEL, modelsDir, allowRemoteModels: false, batchSize: 8 });
    const real = embedder.tokens?.count(SOURCE) ?? 0;
    const estimate = approximateTokenCounter().count(SOURCE);
    expect(estimate).toBeGreaterThan(real / 2);
    expect(estimate).toBeLessThan(real * 2);
  });
});
