import type { Chunk } from '@repolens/contracts';
import { describe, expect, it } from 'vitest';
import { lexicalTokens } from './code-tokenizer.js';
import { buildLexicalIndex, loadLexicalIndex, MAX_QUERY_TERMS, MIN_QUERY_TERMS, QUERY_POSTINGS_BUDGET, selectiveTerms } from './lexical-index.js';

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

  it('searches a query whole when its postings fit the budget', () => {
    const small = new Map([
      ['return', QUERY_POSTINGS_BUDGET / 2],
      ['retry', 1],
    ]);
    expect(selectiveTerms(['return', 'retry', 'return'], small, 3 * QUERY_POSTINGS_BUDGET)).toEqual({ terms: ['return', 'retry', 'return'], pruned: false });
  });

  it('beyond the budget keeps the rare terms in the query order, with their repeats, and leaves out the common ones', () => {
    expect(selectiveTerms(['return', 'retry', 'request', 'delay', 'retry', 'backoff'], frequencies, 100_000)).toEqual({
      terms: ['retry', 'delay', 'retry', 'backoff'],
      pruned: true,
    });
  });

  it('keeps common terms when the query has nothing rarer', () => {
    expect(selectiveTerms(['return', 'request'], frequencies, 100_000)).toEqual({ terms: ['return', 'request'], pruned: false });
  });

  it('adds terms rarest first while the budget lasts, at least MIN_QUERY_TERMS of them, a term no chunk holds last', () => {
    const many = Array.from({ length: 40 }, (_, index) => `term${index}`);
    const share = Math.floor(QUERY_POSTINGS_BUDGET / 20);
    const held = new Map(many.map((term): [string, number] => [term, share]));
    const { terms, pruned } = selectiveTerms(['absent', ...many], held, 1_000_000);
    expect(pruned).toBe(true);
    expect(terms).toEqual(many.slice(0, 20));

    const costly = new Map(many.map((term): [string, number] => [term, QUERY_POSTINGS_BUDGET]));
    expect(selectiveTerms(many, costly, 1_000_000).terms).toEqual(many.slice(0, MIN_QUERY_TERMS));
  });

  it('searches at most MAX_QUERY_TERMS distinct terms', () => {
    const many = Array.from({ length: MAX_QUERY_TERMS + 10 }, (_, index) => `term${index}`);
    const rare = new Map(many.map((term): [string, number] => [term, 1]));
    expect(selectiveTerms(many, rare, 1_000_000).terms).toEqual(many.slice(0, MAX_QUERY_TERMS));
  });
});

describe('lexical index', () => {
  // Enough chunks that a report's common words (`return`, `request`, `value`) are far over the budget.
  const chunks = largeIndexChunks(QUERY_POSTINGS_BUDGET / 2);
  const index = buildLexicalIndex(chunks);

  it('finds the named function first for a long pasted report full of common words', () => {
    const report = [
      'After upgrading, every request that should return a value fails: the returned value is undefined.',
      'TypeError: Cannot read properties of undefined (reading value)',
      `    at computeRetryDelay (src/module-${chunks.length - 7}.ts:2:5)`,
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
