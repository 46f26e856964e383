import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeAnalysisResult, FileAnalysis } from '@repolens/contracts';
import type { PipelineSettings } from '../../settings.js';
import type { PreviousRun } from '../../stage.js';
import { createCodeAnalysisStage } from './code-analysis.stage.js';
import { prepareCodeAnalysisRun } from './testing/prepare-run.js';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'repolens-code-reuse-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const settings = (): PipelineSettings => ({
  dataDir,
  allowLocalRepositories: true,
  cloneDepth: 1,
  limits: { maxFileBytes: 100_000, maxFiles: 10_000, maxRepositoryBytes: 10_000_000, cloneTimeoutMs: 60_000 },
  network: { allowPrivateAddresses: false, allowSsh: false },
  embedding: { modelId: 'repolens/code-embed-stub', modelsDir: path.join(dataDir, 'models'), allowRemoteModels: false, batchSize: 16 },
});

/** What `git hash-object` prints for this content. */
function gitBlobId(content: string): string {
  return createHash('sha1').update(`blob ${Buffer.byteLength(content)}\0`).update(content).digest('hex');
}

const FILES: Record<string, string> = {
  'src/helper.ts': 'export function helper(): number {\n  return 1;\n}\n',
  'src/service.ts': "import { helper } from './helper.js';\n\nexport function createService(): number {\n  return helper();\n}\n",
  'src/broken.ts': 'export function ok() {}\nconst = ;\n',
  'lib/tool.py': 'def tool():\n    return 2\n',
};

/** A run whose checkout holds `files` and whose structure result lists them with their blob ids (`blobIds` overrides). */
async function prepareRun(files: Record<string, string>, options: { previous?: CodeAnalysisResult; blobIds?: Record<string, string> } = {}) {
  const { ctx } = await prepareCodeAnalysisRun(dataDir, files, {
    blobIdOf: (file, content) => options.blobIds?.[file] ?? gitBlobId(content.toString()),
    ...(options.previous === undefined ? {} : { previous: options.previous }),
  });
  return ctx;
}

const byPath = (result: CodeAnalysisResult): Record<string, FileAnalysis> => Object.fromEntries(result.files.map((file) => [file.path, file]));

describe('code_analysis on a new commit of an analysed repository', () => {
  it('parses only the changed file, reuses the rest and says so', async () => {
    const stage = createCodeAnalysisStage(settings(), { parseWorkers: 0 });
    const first = await stage.run(await prepareRun(FILES));
    expect(first).toMatchObject({ filesParsed: 4, filesReused: 0 });
    expect(byPath(first)['src/helper.ts']?.blobId).toBe(gitBlobId(FILES['src/helper.ts'] ?? ''));

    const changed = { ...FILES, 'src/helper.ts': 'export function helper(): number {\n  return 1;\n}\n\nexport function jitter(): number {\n  return 0;\n}\n' };
    const ctx = await prepareRun(changed, { previous: first });
    const second = await stage.run(ctx);

    expect(second).toMatchObject({ filesParsed: 1, filesReused: 3 });
    expect(byPath(second)['src/helper.ts']?.symbols.map((symbol) => symbol.name)).toEqual(['helper', 'jitter']);
    // Unchanged files: the very same analysis, syntax errors included, imports resolved again.
    for (const unchanged of ['src/service.ts', 'src/broken.ts', 'lib/tool.py']) expect(byPath(second)[unchanged]).toEqual(byPath(first)[unchanged]);
    expect(byPath(second)['src/service.ts']?.imports[0]?.resolved).toBe('src/helper.ts');
    expect(second.importGraph.edges).toEqual([['src/service.ts', 'src/helper.ts']]);
    expect(second.totals).toMatchObject({ files: 4, failed: 1, functions: 5 });

    expect(ctx.reports[0]?.message).toBe('Parsing 1 file, reusing 3 unchanged');
    expect(ctx.reports.at(-2)).toEqual({
      progress: 1,
      message: 'Analysed 4 / 4 files: parsed 1, reused 3 unchanged',
      details: { filesParsed: 1, filesReused: 3, filesTotal: 4 },
    });
    expect(ctx.reports.at(-1)).toMatchObject({ message: 'Resolving imports', details: { filesParsed: 1, filesReused: 3, filesTotal: 4 } });
  });

  it('does not even read a file whose blob id is unchanged', async () => {
    const stage = createCodeAnalysisStage(settings(), { parseWorkers: 0 });
    const first = await stage.run(await prepareRun(FILES));
    // The same blob ids as before over other bytes on disk: a reused file is taken from the first run, unread.
    const rewritten = { ...FILES, 'lib/tool.py': 'def other():\n    return 3\n' };
    const second = await stage.run(await prepareRun(rewritten, { previous: first, blobIds: { 'lib/tool.py': gitBlobId(FILES['lib/tool.py'] ?? '') } }));
    expect(second).toMatchObject({ filesParsed: 0, filesReused: 4 });
    expect(byPath(second)['lib/tool.py']?.symbols.map((symbol) => symbol.name)).toEqual(['tool']);
  });

  it('parses everything again when the previous analysis is of another analyser version, or cannot be loaded', async () => {
    const stage = createCodeAnalysisStage(settings(), { parseWorkers: 0 });
    const first = await stage.run(await prepareRun(FILES));
    const older = { ...first, reuse: { analyzerVersion: 999, checkoutAttributes: first.reuse?.checkoutAttributes ?? '' } };
    expect(await stage.run(await prepareRun(FILES, { previous: older }))).toMatchObject({ filesParsed: 4, filesReused: 0 });

    const failing = { ...(await prepareRun(FILES)), previousRun: { result: () => Promise.reject(new Error('database gone')) } satisfies PreviousRun };
    expect(await stage.run(failing)).toMatchObject({ filesParsed: 4, filesReused: 0 });
    expect(failing.logs.map((entry) => entry.msg)).toContain('could not load the previous code analysis; parsing every file');
  });

  it('gives the same analysis with worker threads parsing the changed files', async () => {
    const first = await createCodeAnalysisStage(settings(), { parseWorkers: 0 }).run(await prepareRun(FILES));
    const changed = { ...FILES, 'src/service.ts': `${FILES['src/service.ts'] ?? ''}\nexport const version = 2;\n` };
    const inThread = await createCodeAnalysisStage(settings(), { parseWorkers: 0 }).run(await prepareRun(changed, { previous: first }));
    const threaded = await createCodeAnalysisStage(settings(), { parseWorkers: 2 }).run(await prepareRun(changed, { previous: first }));
    expect({ ...threaded, parseMs: 0 }).toEqual({ ...inThread, parseMs: 0 });
    expect(threaded).toMatchObject({ filesParsed: 1, filesReused: 3 });
  });
});
