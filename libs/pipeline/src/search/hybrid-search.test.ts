import type { Chunk } from '@repolens/contracts';
import { describe, expect, it } from 'vitest';
import { buildExactMatchLookup } from './exact-match.js';
import { searchRepositoryIndex } from './hybrid-search.js';
import { INDEX_FORMAT_VERSION } from './index-manifest.js';
import { buildLexicalIndex } from './lexical-index.js';
import type { RepositoryIndex } from './repository-index.js';

type Draft = Omit<Chunk, 'id' | 'text'> & { readonly lines: readonly string[] };

const DRAFTS: Draft[] = [
  {
    path: 'lib/body-reader.js',
    startLine: 1,
    endLine: 9,
    kind: 'code',
    language: 'JavaScript',
    symbol: 'readBody',
    lines: [
      'function readBody (request, limit, done) {',
      '  let received = 0',
      "  request.on('data', (chunk) => {",
      '    received += chunk.length',
      '    if (received > limit) {',
      "      done(new Error('Request body is too large'))",
      '    }',
      '  })',
      '}',
    ],
  },
  {
    path: 'lib/body-reader.js',
    startLine: 11,
    endLine: 16,
    kind: 'code',
    language: 'JavaScript',
    symbol: 'parseJsonBody',
    lines: ['function parseJsonBody (text, done) {', '  try {', '    done(null, JSON.parse(text))', '  } catch (error) {', '    done(error)', '  }'],
  },
  {
    path: 'lib/spool.js',
    startLine: 1,
    endLine: 6,
    kind: 'code',
    language: 'JavaScript',
    symbol: 'spoolLargeBody',
    lines: [
      'function spoolLargeBody (request, size) {',
      '  // A large request body is written to disk: a body too large for memory',
      '  // is spooled, and the request reads its large body back from the file.',
      '  if (size > LARGE_BODY) request.spool = createSpool(request)',
      '  return request',
      '}',
    ],
  },
  {
    path: 'test/body-limit.test.js',
    startLine: 1,
    endLine: 11,
    kind: 'code',
    language: 'JavaScript',
    lines: [
      "test('reading the request body stops at the body limit', async () => {",
      '  const app = build({ bodyLimit: 10 })',
      "  const response = await app.inject({ method: 'POST', body: 'x'.repeat(20) })",
      '  assert.equal(response.statusCode, 413)',
      "  assert.equal(response.json().message, 'Request body is too large')",
      '})',
      "test('the body limit is enforced per route', async () => {",
      '  const app = build({ bodyLimit: 1000, routeBodyLimit: 5 })',
      "  const response = await app.inject({ method: 'POST', body: 'too large body' })",
      '  assert.equal(response.statusCode, 413)',
      '})',
    ],
  },
  {
    path: 'docs/limits.md',
    startLine: 1,
    endLine: 4,
    kind: 'docs',
    language: 'markdown',
    symbol: 'Limits',
    lines: [
      '## Limits',
      'bodyLimit: the largest request body the server accepts, in bytes.',
      'A request with a larger body is answered with 413.',
      'Set it for the whole server, or for one route.',
    ],
  },
];

function memoryIndex(drafts: readonly Draft[]): RepositoryIndex {
  const chunks: Chunk[] = drafts.map(({ lines, ...draft }, id) => ({
    ...draft,
    id,
    text: [`// path: ${draft.path}`, ...lines].join('\n'),
  }));
  return {
    dir: 'memory',
    manifest: { version: INDEX_FORMAT_VERSION, chunkCount: chunks.length, model: null, vectorCount: 0, createdAt: new Date(0).toISOString() },
    chunks,
    lexical: buildLexicalIndex(chunks),
    vectors: null,
    exactMatches: buildExactMatchLookup(chunks),
  };
}

const index = memoryIndex(DRAFTS);
const top = async (query: string): Promise<string> => {
  const { results } = await searchRepositoryIndex(index, query, { k: 3, groupBy: 'chunk', embedder: null });
  const first = results[0];
  return first === undefined ? 'nothing' : `${first.path}:${first.startLine}`;
};

describe('searchRepositoryIndex ranking', () => {
  it('answers a question about behaviour with the source, although tests and docs repeat its words more', async () => {
    expect(await top('how is the body limit enforced while reading the request body?')).toBe('lib/body-reader.js:1');
  });

  it('answers with tests or documentation when the question asks for them', async () => {
    expect(await top('which tests cover the body limit?')).toBe('test/body-limit.test.js:1');
    expect(await top('what does the documentation say about the body limit?')).toBe('docs/limits.md:1');
  });

  it('goes to the line a pasted stack trace points at, under whatever path prefix the trace has', async () => {
    const trace = [
      'Error: something failed while parsing',
      '    at parse (/srv/api/node_modules/acme/lib/body-reader.js:13:5)',
      '    at handler (/srv/api/src/routes/upload.js:22:3)',
    ].join('\n');
    expect(await top(trace)).toBe('lib/body-reader.js:11');
  });

  it('finds the code that raises a pasted error message, inside a long report as on its own', async () => {
    expect(await top('Request body is too large')).toBe('lib/body-reader.js:1');
    const report = [
      'Uploads fail since the last deploy',
      '',
      'Our tests pass, but in production every upload of a photo from the mobile app is rejected and the app shows',
      '"Request body is too large". Photos are about 2 MB and we never changed any configuration, the docs say the',
      'default should be enough. It started after we moved behind the new proxy. What decides this?',
    ].join('\n');
    expect(await top(report)).toBe('lib/body-reader.js:1');
  });
});
