import type { CodeSymbol, FileAnalysis } from '@repolens/contracts';
import { describe, expect, it } from 'vitest';
import { buildSymbolIndex, identifierWords } from './symbol-index.js';

function file(path: string, symbols: Array<Pick<CodeSymbol, 'name' | 'kind'> & Partial<CodeSymbol>>): FileAnalysis {
  return {
    path,
    language: 'typescript',
    category: 'source',
    lines: 100,
    lineStats: { code: 100, comment: 0, blank: 0 },
    bytes: 1000,
    symbols: symbols.map((symbol, i) => ({ startLine: i * 10 + 1, endLine: i * 10 + 5, exported: true, ...symbol })),
    imports: [],
    exports: [],
  };
}

const index = buildSymbolIndex([
  file('src/retry.ts', [
    { name: 'computeRetryDelay', kind: 'function' },
    { name: 'computeRetry', kind: 'function' },
    { name: 'withRetries', kind: 'function' },
  ]),
  file('src/http-client.ts', [
    { name: 'HttpClient', kind: 'class' },
    { name: 'getJson', kind: 'method', parent: 'HttpClient' },
  ]),
  file('src/compute.ts', [{ name: 'compute', kind: 'function' }]),
]);

const names = (query: string, kind?: CodeSymbol['kind']) => index.search(query, { k: 10, kind }).map((hit) => `${hit.name}:${hit.match}`);

describe('symbol search', () => {
  it('puts the exact name first, then names that start with the query, shortest first', () => {
    expect(names('compute')).toEqual(['compute:exact', 'computeRetry:prefix', 'computeRetryDelay:prefix']);
    expect(names('computeretry')[0]).toBe('computeRetry:exact');
  });

  it('finds a name despite a typo', () => {
    expect(names('comptueRetryDelay')).toContain('computeRetryDelay:fuzzy');
    expect(names('HttpClinet')).toContain('HttpClient:fuzzy');
  });

  it('finds a name from the words inside it', () => {
    expect(names('retry delay')).toEqual(['computeRetryDelay:fuzzy']);
    expect(names('RetryDelay')).toEqual(['computeRetryDelay:fuzzy']);
  });

  it('says where each symbol is and filters by kind', () => {
    const [hit] = index.search('getJson', { k: 1 });
    expect(hit).toMatchObject({ path: 'src/http-client.ts', parent: 'HttpClient', kind: 'method', startLine: 11, endLine: 15 });
    expect(names('Http', 'method')).toEqual([]);
    expect(names('Http', 'class')).toEqual(['HttpClient:prefix']);
  });

  it('returns nothing for a name that is not there', () => {
    expect(names('parseManifest')).toEqual([]);
  });
});

describe('identifier words', () => {
  it('splits camelCase, acronyms, snake_case and paths', () => {
    expect(identifierWords('computeRetryDelay')).toEqual(['compute', 'retry', 'delay']);
    expect(identifierWords('HTTPServer')).toEqual(['http', 'server']);
    expect(identifierWords('max_file_size')).toEqual(['max', 'file', 'size']);
  });
});
