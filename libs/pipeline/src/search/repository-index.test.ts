import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { isAppError, type Chunk, type CodeSymbol, type FileAnalysis, type MetadataResult } from '@repolens/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryEmbeddingCache, type EmbeddingCache } from '../embedding/embedding-cache.js';
import { loadEmbedder, type Embedder } from '../embedding/embedder.js';
import type { EmbeddingProgress } from './embed-chunks.js';
import { buildChunks, splitLines } from './chunker.js';
import { searchRepositoryIndex } from './hybrid-search.js';
import { createIndexCache } from './index-cache.js';
import { buildRepositoryIndex, loadRepositoryIndex } from './repository-index.js';

const modelsDir = fileURLToPath(new URL('../../../../models/', import.meta.url));
const stubScript = fileURLToPath(new URL('../../../../scripts/make-stub-model.mjs', import.meta.url));

const SOURCES: Record<string, string> = {
  'src/retry.ts': `import { sleep } from './sleep.js';

/** Computes the delay before the next attempt: exponential backoff, capped. */
export function computeRetryDelay(attempt: number, baseMs = 100): number {
  return Math.min(30_000, baseMs * 2 ** attempt);
}

export function shouldRetry(status: number): boolean {
  return status >= 500 || status === 429;
}
`,
  'src/http.ts': `import { computeRetryDelay, shouldRetry } from './retry.js';

/** Fetches a URL, retrying server errors. */
export async function fetchWithRetry(url: string, attempts = 3): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url);
    if (!shouldRetry(response.status) || attempt >= attempts) return response;
    await new Promise((resolve) => setTimeout(resolve, computeRetryDelay(attempt)));
  }
}
`,
  'src/config.ts': `import { readFile } from 'node:fs/promises';

/** Reads a YAML configuration file and validates its keys. */
export async function parseConfigFile(file: string): Promise<Record<string, string>> {
  const text = await readFile(file, 'utf8');
  return Object.fromEntries(text.split('\\n').map((line) => line.split(': ')));
}

export function loadEnvironment(env: NodeJS.ProcessEnv): string {
  return env.APP_MODE ?? 'development';
}
`,
  'src/render.ts': `/** Renders rows as a Markdown table with a header separator. */
export function renderMarkdownTable(rows: string[][]): string {
  return rows.map((row) => '| ' + row.join(' | ') + ' |').join('\\n');
}

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
}
`,
  'src/db.ts': `/** Opens a pooled database connection to Postgres. */
export function openDatabaseConnection(url: string): { url: string } {
  return { url };
}

export function runMigrations(connection: { url: string }): number {
  return connection.url.length;
}
`,
};

/** Top-level functions of the sources above: from `export function name` to the next `}` in column 0. */
function analyse(filePath: string, content: string): FileAnalysis {
  const lines = splitLines(content);
  const symbols: CodeSymbol[] = [];
  lines.forEach((line, index) => {
    const match = /^export (?:async )?function (\w+)/.exec(line);
    if (match?.[1] === undefined) return;
    const end = lines.findIndex((candidate, i) => i > index && candidate === '}');
    symbols.push({ name: match[1], kind: 'function', startLine: index + 1, endLine: end + 1, exported: true });
  });
  return {
    path: filePath,
    language: 'typescript',
    category: 'source',
    lines: lines.length,
    lineStats: { code: lines.length, comment: 0, blank: 0 },
    bytes: content.length,
    symbols,
    imports: [],
    exports: [],
  };
}

const metadata: MetadataResult = {
  name: 'fetch-kit',
  description: 'HTTP helpers',
  readme: null,
  dependencies: [],
  license: null,
  git: { branch: 'main', commit: 'b'.repeat(40), commitCount: 1, contributors: [], lastCommitDate: null, historyTruncated: false },
  configFiles: [],
  workspaces: [],
  commitActivity: [],
  ciFiles: [],
  dockerFiles: [],
};

async function corpus(): Promise<Chunk[]> {
  return buildChunks({
    files: Object.entries(SOURCES).map(([filePath, content]) => analyse(filePath, content)),
    readme: null,
    metadata,
    structure: {
      files: [],
      totalFiles: 5,
      totalBytes: 2_000,
      directories: 1,
      languages: [],
      keyDirectories: [],
      largestFiles: [],
      maxDepth: 1,
      categories: { source: 0, test: 0, docs: 0, config: 0, generated: 0, vendored: 0, binary: 0 },
      skipped: [],
    },
    readFile: async (filePath) => SOURCES[filePath] ?? null,
  });
}

let workDir: string;
let embedder: Embedder;
let chunks: Chunk[];

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [stubScript, '--if-missing']);
  embedder = await loadEmbedder({ modelId: 'repolens/code-embed-stub', modelsDir, allowRemoteModels: false, batchSize: 8 });
  workDir = await mkdtemp(path.join(tmpdir(), 'repolens-index-'));
  chunks = await corpus();
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function build(name: string, withEmbedder: Embedder | null, progress: EmbeddingProgress[] = [], options: { cache?: EmbeddingCache; chunks?: Chunk[] } = {}) {
  const dir = path.join(workDir, name);
  const built = await buildRepositoryIndex({
    dir,
    chunks: options.chunks ?? chunks,
    embedder: withEmbedder,
    cache: options.cache ?? null,
    signal: new AbortController().signal,
    onProgress: (step) => progress.push(step),
  });
  return { dir, built };
}

describe('repository index', () => {
  it('builds, loads and answers a question about a function with its path and line range first', async () => {
    const progress: EmbeddingProgress[] = [];
    const { dir, built } = await build('hybrid', embedder, progress);
    expect(built).toEqual({ chunkCount: chunks.length, model: { id: 'repolens/code-embed-stub', dimension: 128 }, embedded: chunks.length, reused: 0 });
    expect(progress.at(-1)).toEqual({ done: chunks.length, total: chunks.length, embedded: chunks.length, reused: 0 });
    expect((await readdir(dir)).sort()).toEqual(['chunks.json', 'lexical.json', 'manifest.json', 'vectors.hnsw']);

    const index = await loadRepositoryIndex(dir);
    const { results, modes } = await searchRepositoryIndex(index, 'how is the retry delay computed', { k: 3, groupBy: 'chunk', embedder });

    expect(modes).toEqual({ dense: true, lexical: true });
    expect(results[0]).toMatchObject({ path: 'src/retry.ts', startLine: 3, endLine: 6, symbol: 'computeRetryDelay' });
    expect(results[0]?.snippet.split('\n')[0]).toBe('/** Computes the delay before the next attempt: exponential backoff, capped. */');
  });

  it('ranks the exact symbol first when the query names it', async () => {
    const index = await loadRepositoryIndex((await build('exact', embedder)).dir);
    for (const query of ['openDatabaseConnection', 'where is renderMarkdownTable defined']) {
      const { results } = await searchRepositoryIndex(index, query, { k: 5, groupBy: 'chunk', embedder });
      expect(results[0]?.symbol).toBe(query.includes('render') ? 'renderMarkdownTable' : 'openDatabaseConnection');
    }
  });

  it('groups by file: one hit per file, best file first', async () => {
    const index = await loadRepositoryIndex((await build('grouped', embedder)).dir);
    const { results } = await searchRepositoryIndex(index, 'retry attempts', { k: 10, groupBy: 'file', embedder });
    const paths = results.map((hit) => hit.path);

    expect(new Set(paths).size).toBe(paths.length);
    expect(paths.slice(0, 2).sort()).toEqual(['src/http.ts', 'src/retry.ts']);
  });

  it('works lexical-only without an embedder, and skips dense for another model', async () => {
    const { dir, built } = await build('lexical', null);
    expect(built.model).toBeNull();
    expect((await readdir(dir)).sort()).toEqual(['chunks.json', 'lexical.json', 'manifest.json']);
    const index = await loadRepositoryIndex(dir);

    const lexical = await searchRepositoryIndex(index, 'parse the YAML configuration file', { k: 3, groupBy: 'chunk', embedder });
    expect(lexical.modes).toEqual({ dense: false, lexical: true });
    expect(lexical.results[0]).toMatchObject({ path: 'src/config.ts', symbol: 'parseConfigFile' });

    const dense = await loadRepositoryIndex((await build('other-model', embedder)).dir);
    const otherModel: Embedder = { ...embedder, modelId: 'someone/else' };
    const mismatched = await searchRepositoryIndex(dense, 'markdown table', { k: 3, groupBy: 'chunk', embedder: otherModel });
    expect(mismatched.modes.dense).toBe(false);
    expect(mismatched.results[0]?.symbol).toBe('renderMarkdownTable');
  });

  it('finds the code a long bug report is about', async () => {
    const index = await loadRepositoryIndex((await build('long', embedder)).dir);
    const report = `After upgrading, our service hammers the API. When the server answers 503 the client waits
      almost nothing before the next attempt; the backoff seems to ignore the attempt number and the cap of
      30 seconds is never reached. Steps: call fetchWithRetry against a failing endpoint and log each delay.
      Expected exponential growth of the wait between attempts.`;
    const { results } = await searchRepositoryIndex(index, report, { k: 3, groupBy: 'file', embedder });
    expect(results.map((hit) => hit.path).slice(0, 2).sort()).toEqual(['src/http.ts', 'src/retry.ts']);
  });

  it('replaces an index in place when rebuilt, leaving no staging directories', async () => {
    const { dir } = await build('rebuilt', null);
    await build('rebuilt', embedder);
    expect((await loadRepositoryIndex(dir)).manifest.model?.id).toBe('repolens/code-embed-stub');
    expect((await readdir(workDir)).filter((name) => name.startsWith('rebuilt'))).toEqual(['rebuilt']);
  });

  it('writes nothing when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    const dir = path.join(workDir, 'aborted');
    await expect(
      buildRepositoryIndex({ dir, chunks, embedder, signal: controller.signal, onProgress: () => undefined }),
    ).rejects.toThrow('cancelled');
    expect((await readdir(workDir)).filter((name) => name.startsWith('aborted'))).toEqual([]);
  });

  it('handles an empty repository and reports a missing index as INDEX_NOT_READY', async () => {
    const dir = path.join(workDir, 'empty');
    await buildRepositoryIndex({ dir, chunks: [], embedder, signal: new AbortController().signal, onProgress: () => undefined });
    const index = await loadRepositoryIndex(dir);
    expect(await searchRepositoryIndex(index, 'anything', { k: 5, groupBy: 'chunk', embedder })).toEqual({
      results: [],
      modes: { dense: false, lexical: true },
    });

    const missing = await loadRepositoryIndex(path.join(workDir, 'never-built')).catch((error: unknown) => error);
    expect(isAppError(missing) && missing.code).toBe('INDEX_NOT_READY');
  });
});

describe('the embedding cache', () => {
  it('embeds an unchanged chunk once: a second build reuses every vector, and searches the same', async () => {
    const cache = createMemoryEmbeddingCache();
    const first = await build('cached-first', embedder, [], { cache });
    const second = await build('cached-second', embedder, [], { cache });

    expect([first.built.embedded, first.built.reused]).toEqual([chunks.length, 0]);
    expect([second.built.embedded, second.built.reused]).toEqual([0, chunks.length]);
    const query = 'how is the retry delay computed';
    const [fresh, reused] = await Promise.all(
      [first.dir, second.dir].map(async (dir) => searchRepositoryIndex(await loadRepositoryIndex(dir), query, { k: 5, groupBy: 'chunk', embedder })),
    );
    expect(reused).toEqual(fresh);
  });

  it('embeds only the chunks whose text changed, and keeps vectors of another model apart', async () => {
    const cache = createMemoryEmbeddingCache();
    await build('changed-before', embedder, [], { cache });
    const changed = chunks.map((chunk) => (chunk.symbol === 'escapeHtml' ? { ...chunk, text: `${chunk.text}\n// escapes quotes too` } : chunk));
    const after = await build('changed-after', embedder, [], { cache, chunks: changed });
    expect([after.built.embedded, after.built.reused]).toEqual([1, chunks.length - 1]);

    const otherModel: Embedder = { ...embedder, modelId: 'someone/else' };
    const other = await build('changed-other-model', otherModel, [], { cache });
    expect([other.built.embedded, other.built.reused]).toEqual([chunks.length, 0]);
  });
});

describe('createIndexCache', () => {
  it('loads an index once, reloads it after a rebuild and drops the least recently used', async () => {
    const first = (await build('cache-a', null)).dir;
    const second = (await build('cache-b', null)).dir;
    const cache = createIndexCache(1);

    const loaded = await cache.get(first);
    expect(await cache.get(first)).toBe(loaded);
    await build('cache-a', embedder);
    const reloaded = await cache.get(first);
    expect(reloaded).not.toBe(loaded);
    expect(reloaded.manifest.model?.id).toBe('repolens/code-embed-stub');

    await cache.get(second);
    expect(cache.size).toBe(1);
    expect(await cache.get(first)).not.toBe(reloaded);
  });
});
