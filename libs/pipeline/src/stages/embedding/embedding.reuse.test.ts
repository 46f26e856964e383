import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { FileCategory, MetadataResult, StageResults, StructureResult } from '@repolens/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordingContext } from '../../git/testing/recording-context.js';
import { loadRepositoryIndex } from '../../search/repository-index.js';
import type { PipelineSettings } from '../../settings.js';
import { resolveIndexDir } from '../../workspace.js';
import { createCodeAnalysisStage } from '../code-analysis/code-analysis.stage.js';
import { createEmbeddingStage } from './embedding.stage.js';

const modelsDir = fileURLToPath(new URL('../../../../../models/', import.meta.url));
const stubScript = fileURLToPath(new URL('../../../../../scripts/make-stub-model.mjs', import.meta.url));

/** A function long enough that its file is cut into several chunks (and so gets a file summary). */
function longFunction(name: string, lines: number): string {
  const body = Array.from({ length: lines }, (_, i) => `  total += compute${name}Step(${i}, 'step number ${i} of the ${name} pipeline');`);
  return [`export function ${name}(): number {`, '  let total = 0;', ...body, '  return total;', '}', ''].join('\n');
}

const FILES: Record<string, string> = {
  'README.md': '# Pipeline kit\n\n## Usage\n\nCall runPipeline to process a batch.\n',
  'docs/guide.md': '# Guide\n\nHow batches move.\n\n## Retries\n\nA failed step is retried three times.\n',
  'src/long.ts': `${longFunction('runPipeline', 120)}\n${longFunction('drainPipeline', 120)}`,
  'src/small.ts': 'export function small(): number {\n  return 1;\n}\n',
  'src/other.ts': "import { small } from './small.js';\n\nexport function other(): number {\n  return small() + 1;\n}\n",
};
const CATEGORIES: Record<string, FileCategory> = { 'README.md': 'docs', 'docs/guide.md': 'docs' };

const metadata: MetadataResult = {
  name: 'pipeline-kit',
  description: 'Batches through steps',
  readme: { path: 'README.md', sections: [{ heading: 'Usage', level: 2, text: '## Usage\n\nCall runPipeline to process a batch.', startLine: 3, endLine: 5 }] },
  dependencies: [],
  workspaces: [],
  license: null,
  git: { branch: 'main', commit: 'a'.repeat(40), commitCount: 1, contributors: [], lastCommitDate: null, historyTruncated: false },
  commitActivity: [],
  configFiles: [],
  ciFiles: [],
  dockerFiles: [],
};

let dataDir: string;

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [stubScript, '--if-missing']);
  dataDir = await mkdtemp(path.join(tmpdir(), 'repolens-embedding-reuse-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function settings(modelId = 'repolens/code-embed-stub'): PipelineSettings {
  return {
    dataDir,
    allowLocalRepositories: true,
    cloneDepth: 1,
    limits: { maxFileBytes: 1_000_000, maxFiles: 1_000, maxRepositoryBytes: 1_000_000_000, cloneTimeoutMs: 60_000 },
    network: { allowPrivateAddresses: false, allowSsh: false },
    embedding: { modelId, modelsDir, allowRemoteModels: false, batchSize: 16 },
  };
}

/** What `git hash-object` prints for this content. */
function gitBlobId(content: string): string {
  return createHash('sha1').update(`blob ${Buffer.byteLength(content)}\0`).update(content).digest('hex');
}

/**
 * A run over `files` up to its embedding stage: the checkout written, a structure result with blob ids,
 * the real code analysis (reusing `previous`'s, as a re-analysis does); returns the embedding stage's context.
 */
async function runUpToEmbedding(files: Record<string, string>, previous?: Partial<StageResults>) {
  const runId = randomUUID();
  const structure: StructureResult = {
    files: Object.entries(files).map(([file, content]) => ({
      path: file,
      size: Buffer.byteLength(content),
      language: null,
      category: CATEGORIES[file] ?? 'source',
      blobId: gitBlobId(content),
    })),
    totalFiles: Object.keys(files).length,
    totalBytes: 0,
    directories: 2,
    languages: [],
    keyDirectories: [],
    largestFiles: [],
    maxDepth: 2,
    categories: { source: 3, test: 0, docs: 2, config: 0, generated: 0, vendored: 0, binary: 0 },
    skipped: [],
  };
  const request = { url: 'https://example.com/pipeline-kit.git', ref: null, accessToken: null, allowPartial: false };
  const previousResults = previous === undefined ? {} : { previousResults: previous };
  const codeCtx = createRecordingContext({ dataDir, runId, request, results: { structure, metadata }, ...previousResults });
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(codeCtx.workspace.checkoutDir, file)), { recursive: true });
    await writeFile(path.join(codeCtx.workspace.checkoutDir, file), content);
  }
  const code_analysis = await createCodeAnalysisStage(settings(), { parseWorkers: 0 }).run(codeCtx);
  return createRecordingContext({ dataDir, runId, request, results: { structure, metadata, code_analysis }, ...previousResults });
}

async function chunksOf(result: StageResults['embedding']) {
  return (await loadRepositoryIndex(resolveIndexDir(dataDir, result.indexPath))).chunks;
}

describe('embedding on a new commit of an analysed repository', () => {
  it('takes the chunks of unchanged files from the previous run: the same chunks as cutting everything again', async () => {
    const stage = createEmbeddingStage(settings());
    const firstCtx = await runUpToEmbedding(FILES);
    const first = await stage.run(firstCtx);
    expect(first.filesChunksReused).toBe(0);
    expect((await chunksOf(first)).filter((chunk) => chunk.path === 'src/long.ts' && chunk.kind === 'code').length).toBeGreaterThan(2);

    // One file changes, and now imports src/long.ts, whose (reused) chunks stay but whose summary must say so.
    const changed = { ...FILES, 'src/small.ts': "import { runPipeline } from './long.js';\n\nexport function small(): number {\n  return runPipeline();\n}\n" };
    const previous = { ...firstCtx.results, embedding: first };
    const againCtx = await runUpToEmbedding(changed, previous);
    const again = await stage.run(againCtx);
    const fresh = await stage.run(await runUpToEmbedding(changed));

    // docs/guide.md, src/long.ts and src/other.ts: reused; src/small.ts cut anew; the README's sections are always cut anew.
    expect(again.filesChunksReused).toBe(3);
    expect(fresh.filesChunksReused).toBe(0);
    expect(await chunksOf(again)).toEqual(await chunksOf(fresh));
    const longSummary = (await chunksOf(again)).find((chunk) => chunk.path === 'src/long.ts' && chunk.kind === 'summary');
    expect(longSummary?.text).toContain('Imported by: src/small.ts');
    expect((await chunksOf(again)).find((chunk) => chunk.path === 'src/small.ts' && chunk.kind === 'code')?.text).toContain('return runPipeline();');
    expect(againCtx.reports.find((report) => report.message.startsWith('Cut '))).toMatchObject({
      details: { filesChunksReused: 3 },
    });
  });

  it('cuts everything again for another embedding model, or when the previous index is gone', async () => {
    const firstCtx = await runUpToEmbedding(FILES);
    const first = await createEmbeddingStage(settings()).run(firstCtx);
    const previous = { ...firstCtx.results, embedding: first };

    const otherModel = await createEmbeddingStage(settings('repolens/not-installed')).run(await runUpToEmbedding(FILES, previous));
    expect(otherModel.filesChunksReused).toBe(0);

    await rm(resolveIndexDir(dataDir, first.indexPath), { recursive: true, force: true });
    const goneCtx = await runUpToEmbedding(FILES, previous);
    const gone = await createEmbeddingStage(settings()).run(goneCtx);
    expect(gone).toMatchObject({ filesChunksReused: 0, chunkCount: first.chunkCount });
    expect(goneCtx.logs.map((entry) => entry.msg)).toContain("could not load the previous run's chunks; cutting every file again");
  });
});
