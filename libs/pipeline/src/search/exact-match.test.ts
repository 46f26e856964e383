import type { Chunk } from '@repolens/contracts';
import { describe, expect, it } from 'vitest';
import { buildExactMatchLookup, exactMatchBoosts } from './exact-match.js';
import { queryReferences } from './query-references.js';

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
    expect(exactMatchBoosts(lookup, 'fastify', { queryIsIdentifier: true }).get(0)).toBeCloseTo(1.15);
  });

  it('boosts a file named in the query', () => {
    const boosts = exactMatchBoosts(lookup, 'what is in lib/hooks.js');
    expect(boosts.get(2)).toBe(0.5);
  });
});

describe('exactMatchBoosts with definitions, close names, the project name and stack frames', () => {
  const code = (id: number, path: string, text: string, symbol?: string): Chunk => ({
    id,
    path,
    startLine: id * 10 + 1,
    endLine: id * 10 + 10,
    kind: 'code',
    language: 'JavaScript',
    ...(symbol === undefined ? {} : { symbol }),
    text,
  });
  const chunks: Chunk[] = [
    code(0, 'lib/reply.js', 'Reply.prototype.code = function (code) {\n  this.raw.statusCode = code\n}'),
    code(1, 'types/reply.d.ts', 'code(statusCode: number): FastifyReply', 'FastifyReply.code'),
    code(2, 'lib/reply.js', 'Reply.prototype.compileSerializationSchema = function (schema) {}'),
    code(3, 'fastify.js', 'function fastify (options) {}', 'fastify'),
    code(4, 'lib/hooks.js', 'function hookRunnerApplication (name) {}', 'hookRunnerApplication'),
    { id: 5, path: 'README.md', startLine: 1, endLine: 20, kind: 'summary', language: null, symbol: 'fastify', text: 'Project: fastify' },
  ];
  const lookup = buildExactMatchLookup(chunks);

  it('finds members the parser left unnamed, written as the query writes them', () => {
    const boosts = exactMatchBoosts(lookup, 'reply.code', { queryIsIdentifier: true });
    expect(boosts.get(0)).toBe(1);
    expect(boosts.has(1)).toBe(false);
    expect(boosts.has(2)).toBe(false);
  });

  it('falls back to members of an owner spelt differently when nothing is defined as written', () => {
    const declarations = buildExactMatchLookup([chunks[1]!]);
    expect(exactMatchBoosts(declarations, 'reply.code', { queryIsIdentifier: true }).get(1)).toBeGreaterThan(0.5);
  });

  it('finds a misspelt name, less surely than an exact one', () => {
    const boost = exactMatchBoosts(lookup, 'compileSerialisationSchema', { queryIsIdentifier: true }).get(2) ?? 0;
    expect(boost).toBeGreaterThan(0.5);
    expect(boost).toBeLessThan(1);
    // …but not in pasted text, whose names are copied: a near miss there is another name.
    expect(exactMatchBoosts(lookup, 'compileSerialisationSchema', { queryIsIdentifier: true, closeNames: false }).has(2)).toBe(false);
  });

  it('takes the project name in a sentence as no hint about which part is meant', () => {
    expect(exactMatchBoosts(lookup, 'how does fastify parse request bodies?').has(3)).toBe(false);
    expect(exactMatchBoosts(lookup, '`fastify` options').get(3)).toBeGreaterThanOrEqual(1);
  });

  it('boosts the chunk a stack frame points at, and the frame\'s function as code', () => {
    const trace = 'Error: hook failed\n    at hookRunnerApplication (/srv/app/node_modules/fastify/lib/hooks.js:45:7)';
    const boosts = exactMatchBoosts(lookup, trace, { references: queryReferences(trace) });
    expect(boosts.get(4)).toBeGreaterThan(2);
  });
});
