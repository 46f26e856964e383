import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CodeAnalysisResult, CodeStats, FileAnalysis, MetadataResult, StructureResult } from '@repolens/contracts';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryEmbeddingCache, type EmbeddingCache } from '../../embedding/embedding-cache.js';
import { loadEmbedder } from '../../embedding/embedder.js';
import { searchRepositoryIndex } from '../../search/hybrid-search.js';
import { loadRepositoryIndex } from '../../search/repository-index.js';
import type { PipelineSettings } from '../../settings.js';
import type { StageContext, StageProgress } from '../../stage.js';
import { resolveIndexDir, runWorkspace } from '../../workspace.js';
import { createEmbeddingStage } from './embedding.stage.js';

const modelsDir = fileURLToPath(new URL('../../../../../models/', import.meta.url));
const stubScript = fileURLToPath(new URL('../../../../../scripts/make-stub-model.mjs', import.meta.url));

const FILES: Record<string, string> = {
  'README.md': '# Queue kit\n\n## Usage\n\nCall enqueueJob to schedule work.\n',
  'src/queue.ts': [
    '/** Adds a job to the queue and returns its id. */',
    'export function enqueueJob(name: string): string {',
    '  return `${name}-${Date.now()}`;',
    '}',
    '',
  ].join('\n'),
};
const SECRET = 'TOP_SECRET_VALUE_OUTSIDE_CHECKOUT';

const stats: CodeStats = { files: 0, failed: 0, lines: 0, codeLines: 0, commentLines: 0, blankLines: 0, bytes: 0, functions: 0, classes: 0, methods: 0, symbols: 0, imports: 0, exports: 0 };

function fileAnalysis(filePath: string, name: string, endLine: number): FileAnalysis {
  return {
    path: filePath,
    language: 'typescript',
    category: 'source',
    lines: endLine,
    lineStats: { code: endLine, comment: 0, blank: 0 },
    bytes: 100,
    symbols: [{ name, kind: 'function', startLine: 2, endLine, exported: true }],
    imports: [],
    exports: [],
  };
}

const codeAnalysis: CodeAnalysisResult = {
  // The last three point outside the checkout: through a file symlink, a directory symlink, and `..`.
  files: [
    fileAnalysis('src/queue.ts', 'enqueueJob', 4),
    fileAnalysis('src/leak.ts', 'leak', 2),
    fileAnalysis('linked/inner.ts', 'inner', 2),
    fileAnalysis('../outside.ts', 'outside', 2),
  ],
  totals: stats,
  byLanguage: {},
  importGraph: { edges: [], mostImported: [], entryPoints: [], cycles: [], unresolved: 0 },
  parseMs: 1,
  filesParsed: 4,
  filesReused: 0,
};

const metadata: MetadataResult = {
  name: 'queue-kit',
  description: 'A tiny job queue',
  readme: {
    path: 'README.md',
    sections: [
      { heading: 'Queue kit', level: 1, text: '# Queue kit', startLine: 1, endLine: 2 },
      { heading: 'Usage', level: 2, text: '## Usage\n\nCall enqueueJob to schedule work.', startLine: 3, endLine: 5 },
    ],
  },
  dependencies: [],
  license: null,
  git: { branch: 'main', commit: 'c'.repeat(40), commitCount: 1, contributors: [], lastCommitDate: null, historyTruncated: false },
  configFiles: [],
  workspaces: [],
  commitActivity: [],
  ciFiles: [],
  dockerFiles: [],
};

const structure: StructureResult = {
  files: [],
  totalFiles: 2,
  totalBytes: 200,
  directories: 1,
  languages: [{ language: 'TypeScript', files: 1, bytes: 100 }],
  keyDirectories: [{ path: 'src', kind: 'source' }],
  largestFiles: [],
  maxDepth: 1,
  categories: { source: 0, test: 0, docs: 0, config: 0, generated: 0, vendored: 0, binary: 0 },
  skipped: [],
};

let dataDir: string;

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [stubScript, '--if-missing']);
  dataDir = await mkdtemp(path.join(tmpdir(), 'repolens-embedding-stage-'));
  const outside = path.join(dataDir, 'outside');
  await mkdir(outside, { recursive: true });
  await writeFile(path.join(outside, 'secret.ts'), `// ${SECRET}\nexport const leak = 1;\n`);
  await writeFile(path.join(outside, 'inner.ts'), `// ${SECRET}\nexport const inner = 1;\n`);
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function prepareRun(runId: string) {
  const workspace = runWorkspace(dataDir, runId);
  for (const [filePath, content] of Object.entries(FILES)) {
    await mkdir(path.dirname(path.join(workspace.checkoutDir, filePath)), { recursive: true });
    await writeFile(path.join(workspace.checkoutDir, filePath), content);
  }
  await symlink(path.join(dataDir, 'outside', 'secret.ts'), path.join(workspace.checkoutDir, 'src', 'leak.ts'));
  await symlink(path.join(dataDir, 'outside'), path.join(workspace.checkoutDir, 'linked'));
  await writeFile(path.join(workspace.checkoutDir, '..', 'outside.ts'), `// ${SECRET}\n`);

  const logLines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  const reports: StageProgress[] = [];
  const ctx: StageContext = {
    runId,
    repositoryId: 'repository-1',
    request: { url: 'https://example.com/queue-kit.git', ref: null, accessToken: null, allowPartial: false },
    workspace,
    results: { code_analysis: codeAnalysis, metadata, structure },
    signal: new AbortController().signal,
    log: pino({ level: 'info' }, stream),
    report: (progress) => reports.push(progress),
  };
  return { ctx, reports, logLines };
}

function settings(modelId: string): PipelineSettings {
  return {
    dataDir: '',
    allowLocalRepositories: true,
    cloneDepth: 1,
    limits: { maxFileBytes: 1_000_000, maxFiles: 1_000, maxRepositoryBytes: 1_000_000_000, cloneTimeoutMs: 60_000 },
    network: { allowPrivateAddresses: false, allowSsh: false },
    embedding: { modelId, modelsDir, allowRemoteModels: false, batchSize: 4 },
  };
}

describe('embedding stage', () => {
  it('indexes the checkout with dense vectors, reporting progress, and never reads outside it', async () => {
    const { ctx, reports } = await prepareRun('run-dense');
    const result = await createEmbeddingStage(settings('repolens/code-embed-stub')).run(ctx);

    expect(result).toMatchObject({
      indexPath: 'indexes/run-dense',
      model: { id: 'repolens/code-embed-stub', dimension: 128 },
      denseUnavailableReason: null,
    });
    const vectors = reports.filter((r) => r.message.startsWith('Vectors for '));
    expect(vectors.at(-1)).toMatchObject({
      message: `Vectors for ${result.chunkCount} / ${result.chunkCount} chunks (0 reused, ${result.chunkCount} embedded)`,
      details: { chunksDone: result.chunkCount, chunksTotal: result.chunkCount, chunksEmbedded: result.chunkCount, chunksReused: 0 },
    });
    expect(result).toMatchObject({ chunksEmbedded: result.chunkCount, chunksReused: 0 });
    expect(reports.at(-1)?.progress).toBe(1);

    const index = await loadRepositoryIndex(resolveIndexDir(dataDir, result.indexPath));
    expect(index.chunks.map((c) => c.path).sort()).toEqual(['README.md', 'README.md', 'src/queue.ts']);
    expect(index.chunks.some((c) => c.text.includes(SECRET))).toBe(false);

    const embedder = await loadEmbedder(settings('repolens/code-embed-stub').embedding);
    const { results, modes } = await searchRepositoryIndex(index, 'how do I add a job to the queue', { k: 1, groupBy: 'chunk', embedder });
    expect(modes.dense).toBe(true);
    expect(results[0]).toMatchObject({ path: 'src/queue.ts', startLine: 1, endLine: 4, symbol: 'enqueueJob' });
  });

  it('reuses the vectors of chunks embedded by an earlier run, saying how many', async () => {
    const cache = createMemoryEmbeddingCache();
    const stage = createEmbeddingStage(settings('repolens/code-embed-stub'), { embeddingCache: cache });
    const first = await stage.run((await prepareRun('run-cache-first')).ctx);
    const { ctx, reports } = await prepareRun('run-cache-second');
    const second = await stage.run(ctx);

    expect(first).toMatchObject({ chunksEmbedded: first.chunkCount, chunksReused: 0 });
    expect(second).toMatchObject({ chunkCount: first.chunkCount, chunksEmbedded: 0, chunksReused: first.chunkCount });
    expect(reports.at(-1)?.details).toMatchObject({ chunksEmbedded: 0, chunksReused: first.chunkCount });
  });

  it('still indexes when the embedding cache fails, embedding everything and logging why', async () => {
    const broken: EmbeddingCache = {
      get: async () => Promise.reject(new Error('database unreachable')),
      put: async () => Promise.reject(new Error('database unreachable')),
    };
    const { ctx, logLines } = await prepareRun('run-cache-broken');
    const result = await createEmbeddingStage(settings('repolens/code-embed-stub'), { embeddingCache: broken }).run(ctx);

    expect(result).toMatchObject({ chunksEmbedded: result.chunkCount, chunksReused: 0, denseUnavailableReason: null });
    expect(logLines.some((line) => line.includes('embedding cache lookup failed'))).toBe(true);
  });

  it('builds a lexical-only index and says why when the model cannot be loaded', async () => {
    const { ctx, logLines } = await prepareRun('run-lexical');
    const result = await createEmbeddingStage(settings('repolens/not-installed')).run(ctx);

    expect(result.model).toBeNull();
    expect(result.denseUnavailableReason).toMatch(/^Could not load embedding model repolens\/not-installed: /);
    expect(result.denseUnavailableReason).not.toContain(modelsDir);
    expect(logLines.some((line) => line.includes('lexical-only'))).toBe(true);

    const index = await loadRepositoryIndex(resolveIndexDir(dataDir, result.indexPath));
    const { results, modes } = await searchRepositoryIndex(index, 'enqueueJob', { k: 1, groupBy: 'chunk', embedder: null });
    expect(modes).toEqual({ dense: false, lexical: true });
    expect(results[0]?.path).toBe('src/queue.ts');
  });
});
