import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StructureResult } from '@repolens/contracts';
import { CodeAnalysisResultSchema } from '@repolens/contracts';
import type { PipelineSettings } from '../../settings.js';
import type { StageContext, StageProgress } from '../../stage.js';
import { runWorkspace } from '../../workspace.js';
import { createCodeAnalysisStage } from './code-analysis.stage.js';

const MAX_FILE_BYTES = 4_096;

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'repolens-code-analysis-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function settingsFor(dir: string): PipelineSettings {
  return {
    dataDir: dir,
    allowLocalRepositories: true,
    cloneDepth: 1,
    limits: { maxFileBytes: MAX_FILE_BYTES, maxFiles: 10_000 },
    embedding: { modelId: 'repolens/code-embed-stub', modelsDir: path.join(dir, 'models'), allowRemoteModels: false, batchSize: 16 },
  };
}

/** Writes files into a run's checkout and returns a context whose structure result lists them. */
async function prepareRun(files: Record<string, string | Buffer>, signal: AbortSignal = new AbortController().signal) {
  const runId = randomUUID();
  const workspace = runWorkspace(dataDir, runId);
  for (const [relative, content] of Object.entries(files)) {
    const absolute = path.join(workspace.checkoutDir, relative);
    await mkdir(path.dirname(absolute), { recursive: true });
    await writeFile(absolute, content);
  }
  const structure: StructureResult = {
    files: Object.entries(files).map(([relative, content]) => ({ path: relative, size: Buffer.byteLength(content), language: null })),
    totalFiles: Object.keys(files).length,
    totalBytes: 0,
    directories: 0,
    languages: [],
    keyDirectories: [],
    skipped: [],
  };
  const reports: StageProgress[] = [];
  const ctx: StageContext = {
    runId,
    repositoryId: randomUUID(),
    request: { url: 'file:///fixture', ref: null, accessToken: null },
    workspace,
    results: { structure },
    signal,
    log: pino({ level: 'silent' }),
    report: (progress) => reports.push(progress),
  };
  return { ctx, reports, workspace, structure };
}

const SERVICE_TS = `import { helper } from './helper.js';

export class Service {
  start(): void {}
  stop(): void {}
}

export function createService(): Service {
  return new Service();
}
`;
const VIEW_TSX = `export function View() {\n  return <div>{'hi'}</div>;\n}\n`;
const HELPER_CJS = `const fs = require('node:fs');\nfunction helper() {}\nmodule.exports = { helper };\n`;

describe('code_analysis stage', () => {
  it('parses the code files the structure stage listed and totals them per language', async () => {
    const { ctx, reports } = await prepareRun({
      'src/service.ts': SERVICE_TS,
      'src/view.tsx': VIEW_TSX,
      'lib/helper.cjs': HELPER_CJS,
      'src/broken.ts': 'export function ok() {}\nconst = ;\n',
      'README.md': '# Not code\n',
    });

    const result = await createCodeAnalysisStage(settingsFor(dataDir)).run(ctx);

    expect(CodeAnalysisResultSchema.parse(result)).toEqual(result);
    expect(result.files.map((f) => [f.path, f.language, f.error ?? null])).toEqual([
      ['src/service.ts', 'TypeScript', null],
      ['src/view.tsx', 'TSX', null],
      ['lib/helper.cjs', 'JavaScript', null],
      ['src/broken.ts', 'TypeScript', 'syntax errors at line 2'],
    ]);
    expect(result.totals).toEqual({
      files: 4,
      failed: 1,
      lines: 10 + 3 + 3 + 2,
      bytes: Buffer.byteLength(SERVICE_TS + VIEW_TSX + HELPER_CJS) + 34,
      functions: 4,
      classes: 1,
      methods: 2,
      symbols: 7,
      imports: 2,
      exports: 6,
    });
    expect(result.byLanguage['TypeScript']).toMatchObject({ files: 2, failed: 1, functions: 2, classes: 1, methods: 2 });
    expect(result.byLanguage['TSX']).toMatchObject({ files: 1, functions: 1 });
    expect(result.byLanguage['JavaScript']).toMatchObject({ files: 1, functions: 1, imports: 1 });
    expect(result.parseMs).toBeGreaterThan(0);

    expect(reports.at(-1)).toEqual({
      progress: 1,
      message: 'Parsed 4 / 4 files',
      details: { filesParsed: 4, filesTotal: 4 },
    });
    expect(reports.map((r) => r.progress)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('skips binary files, files over the size limit and symlinks with a note instead of parsing them', async () => {
    const outside = path.join(dataDir, 'outside-secret.ts');
    await writeFile(outside, 'export const secret = () => 42;\n');
    const { ctx, workspace } = await prepareRun({
      'dist/bundle.js': `var a = 1;\n${'x'.repeat(MAX_FILE_BYTES)}\n`,
      'assets/data.js': Buffer.from([0x76, 0x61, 0x72, 0x00, 0x01]),
      'src/fine.ts': 'export const fine = () => true;\n',
    });
    await symlink(outside, path.join(workspace.checkoutDir, 'src/link.ts'));
    await symlink(dataDir, path.join(workspace.checkoutDir, 'linked-dir'));
    const structure = ctx.results.structure;
    if (structure === undefined) throw new Error('fixture has no structure result');
    structure.files.push(
      { path: 'src/link.ts', size: 10, language: null },
      { path: '../outside-secret.ts', size: 10, language: null },
      { path: 'linked-dir/outside-secret.ts', size: 10, language: null },
    );

    const result = await createCodeAnalysisStage(settingsFor(dataDir)).run(ctx);

    const errors = Object.fromEntries(result.files.map((f) => [f.path, f.error ?? null]));
    expect(errors).toEqual({
      'dist/bundle.js': `skipped: ${MAX_FILE_BYTES + 12} bytes is over the ${MAX_FILE_BYTES}-byte limit`,
      'assets/data.js': 'skipped: binary file',
      'src/fine.ts': null,
      'src/link.ts': 'skipped: symbolic link',
      '../outside-secret.ts': 'skipped: outside the checkout',
      'linked-dir/outside-secret.ts': 'skipped: inside a symbolically linked directory',
    });
    expect(result.totals).toMatchObject({ files: 6, failed: 5, functions: 1 });
    expect(result.files.flatMap((f) => f.symbols.map((s) => s.name))).toEqual(['fine']);
  });

  it('stops with the abort reason when the run is cancelled between files', async () => {
    const controller = new AbortController();
    const { ctx, reports } = await prepareRun(
      { 'a.ts': SERVICE_TS, 'b.ts': SERVICE_TS, 'c.ts': SERVICE_TS },
      controller.signal,
    );
    const cancelled = new Error('run cancelled');
    const cancellingCtx: StageContext = {
      ...ctx,
      report: (progress) => {
        reports.push(progress);
        // Cancel once the first file is done.
        if (progress.details?.['filesParsed'] === 1) controller.abort(cancelled);
      },
    };

    await expect(createCodeAnalysisStage(settingsFor(dataDir)).run(cancellingCtx)).rejects.toBe(cancelled);
    expect(reports.map((r) => r.details?.['filesParsed'])).toEqual([0, 1]);
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { ctx } = await prepareRun({ 'a.ts': SERVICE_TS }, controller.signal);
    await expect(createCodeAnalysisStage(settingsFor(dataDir)).run(ctx)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
