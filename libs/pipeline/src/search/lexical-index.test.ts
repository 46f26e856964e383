import type { Chunk } from '@repolens/contracts';
import { describe, expect, it } from 'vitest';
import { lexicalTokens } from './code-tokenizer.js';
import { buildLexicalIndex, COMMON_TERM_MIN_CHUNKS, loadLexicalIndex, MAX_QUERY_TERMS, MIN_QUERY_TERMS, selectiveTerms } from './lexical-index.js';

function codeChunk(id: number, symbol: string, body: string): Chunk {
  const path = `src/module-${id}.ts`;
  return { id, path, startLine: 1, endLine: 3, kind: 'code', language: 'TypeScript', symbol, text: `${path} ${symbol}\nexport function ${symbol}() {\n${body}\n}` };
}

/** A large index where every chunk returns a value and mentions a request, and one chunk holds the rare name. */
function largeIndexChunks(count: number): Chunk[] {
  const chunks = Array.from({ length: count }, (_, id) => codeChunk(id, `handler${id}`, `  const request = next(${id});\n  return request.value;`));
  chunks[count - 7] = codeChunk(count - 7, 'computeRetryDelay', '  const delay = backoff(attempt);\n  return request.value ?? delay;');
  return chunks;
}

describe('selectiveTerms', () => {
  const frequencies = new Map<string, number>([
    ['return', 40_000],
    ['request', 30_000],
    ['retry', 12],
    ['delay', 40],
    ['backoff', 3],
    ['absent', 0],
  ]);

  it('keeps the rare terms in the query order, with their repeats, and leaves out the common ones', () => {
    expect(selectiveTerms(['return', 'retry', 'request', 'delay', 'retry', 'backoff'], frequencies, 50_000)).toEqual(['retry', 'delay', 'retry', 'backoff']);
  });

  it('ranks a term no chunk holds after every term some chunk holds', () => {
    const many = Array.from({ length: MAX_QUERY_TERMS }, (_, index) => `term${index}`);
    const held = new Map([...frequencies, ...many.map((term): [string, number] => [term, 5])]);
    expect(selectiveTerms(['absent', ...many], held, 50_000)).toEqual(many);
  });

  it('keeps common terms when the query has nothing rarer', () => {
    expect(selectiveTerms(['return', 'request'], frequencies, 50_000)).toEqual(['return', 'request']);
  });

  it('treats no term as common in a small index', () => {
    const small = new Map([
      ['return', COMMON_TERM_MIN_CHUNKS - 1],
      ['retry', 1],
    ]);
    expect(selectiveTerms(['return', 'retry'], small, COMMON_TERM_MIN_CHUNKS + 1)).toEqual(['return', 'retry']);
  });

  it('searches at most MAX_QUERY_TERMS distinct terms, the rarest, and always at least MIN_QUERY_TERMS', () => {
    const many = Array.from({ length: MAX_QUERY_TERMS + 10 }, (_, index) => `term${index}`);
    const rare = new Map(many.map((term, index) => [term, index + 1]));
    const kept = selectiveTerms(many, rare, 1_000_000);
    expect(kept).toEqual(many.slice(0, MAX_QUERY_TERMS));

    const costly = new Map(many.map((term) => [term, 900]));
    expect(selectiveTerms(many, costly, 1_000_000).length).toBeGreaterThanOrEqual(MIN_QUERY_TERMS);
    expect(selectiveTerms(many, costly, 1_000_000).length).toBeLessThan(MAX_QUERY_TERMS);
  });
});

describe('lexical index', () => {
  const chunks = largeIndexChunks(COMMON_TERM_MIN_CHUNKS * 3);
  const index = buildLexicalIndex(chunks);

  it('finds the named function first for a long pasted report full of common words', () => {
    const report = [
      'After upgrading, every request that should return a value fails: the returned value is undefined.',
      'TypeError: Cannot read properties of undefined (reading value)',
      '    at computeRetryDelay (src/module-2993.ts:2:5)',
      '    at handler12 (src/module-12.ts:2:3)',
    ].join('\n');
    expect(new Set(lexicalTokens(report)).size).toBeGreaterThan(MIN_QUERY_TERMS);
    expect(index.search(report, 5)[0]?.id).toBe(chunks.length - 7);
  });

  it('still answers a query made only of common terms', () => {
    expect(index.search('return request', 10)).toHaveLength(10);
  });

  it('answers the same after being written and loaded again', () => {
    const loaded = loadLexicalIndex(index.serialize());
    for (const query of ['computeRetryDelay', 'retry delay backoff', 'return request value', 'handler12 request']) {
      // Chunks of equal score may come in another order.
      const ranking = (hits: ReturnType<typeof index.search>) => [...hits].sort((a, b) => b.score - a.score || a.id - b.id);
      expect(ranking(loaded.search(query, chunks.length))).toEqual(ranking(index.search(query, chunks.length)));
    }
  });
});
