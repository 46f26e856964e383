import type { Chunk } from '@repolens/contracts';
import { describe, expect, it } from 'vitest';
import { buildExactMatchLookup, exactMatchBoosts } from './exact-match.js';

const chunk = (id: number, path: string, symbol: string): Chunk => ({
  id,
  path,
  startLine: 1,
  endLine: 10,
  kind: 'code',
  language: 'JavaScript',
  symbol,
  text: `function ${symbol}() {}`,
});

const lookup = buildExactMatchLookup([
  chunk(0, 'fastify.js', 'fastify'),
  chunk(1, 'lib/content-type-parser.js', 'addContentTypeParser'),
  chunk(2, 'lib/hooks.js', 'hookRunner'),
]);

describe('exactMatchBoosts', () => {
  it('boosts a symbol named as code in a question strongly', () => {
    const boosts = exactMatchBoosts(lookup, 'why does `addContentTypeParser` throw on duplicates?');
    expect(boosts.get(1)).toBe(1);
  });

  it('only nudges a symbol whose name is a plain word of the sentence (often the project name)', () => {
    const boosts = exactMatchBoosts(lookup, 'How does fastify handle content type parsing?');
    expect(boosts.get(0)).toBeLessThan(0.5);
    expect(boosts.get(0)).toBeGreaterThan(0);
  });

  it('treats every term of a query that is itself a name as code', () => {
    // The full symbol boost, plus a little for naming the file fastify.js by its stem.
    expect(exactMatchBoosts(lookup, 'fastify', true).get(0)).toBeCloseTo(1.15);
  });

  it('boosts a file named in the query', () => {
    const boosts = exactMatchBoosts(lookup, 'what is in lib/hooks.js');
    expect(boosts.get(2)).toBe(0.5);
  });
});
