import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileCategory } from '@repolens/contracts';
import { CodeAnalysisResultSchema } from '@repolens/contracts';
import type { PipelineSettings } from '../../settings.js';
import type { StageContext } from '../../stage.js';
import { createCodeAnalysisStage } from './code-analysis.stage.js';
import { MULTI_LANGUAGE_FILES } from './testing/multi-language-files.js';
import { prepareCodeAnalysisRun } from './testing/prepare-run.js';

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
    limits: { maxFileBytes: MAX_FILE_BYTES, maxFiles: 10_000, maxRepositoryBytes: 10_000_000, cloneTimeoutMs: 60_000 },
    network: { allowPrivateAddresses: false, allowSsh: false },
    embedding: { modelId: 'repolens/code-embed-stub', modelsDir: path.join(dir, 'models'), allowRemoteModels: false, batchSize: 16 },
  };
}

/**
 * Writes files into a run's checkout and returns a context whose structure result lists them, each
 * `source` unless `categories` says otherwise.
 */
function prepareRun(files: Record<string, string | Buffer>, options: { categories?: Record<string, FileCategory>; signal?: AbortSignal } = {}) {
  return prepareCodeAnalysisRun(dataDir, files, options);
}

const SERVICE_TS = `import { helper } from './helper.js';

/** Runs the service. */
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
    const { ctx } = await prepareRun({
      'src/service.ts': SERVICE_TS,
      'src/view.tsx': VIEW_TSX,
      'lib/helper.cjs': HELPER_CJS,
      'src/broken.ts': 'export function ok() {}\nconst = ;\n',
      'README.md': '# Not code\n',
    });

    const result = await createCodeAnalysisStage(settingsFor(dataDir)).run(ctx);

    expect(CodeAnalysisResultSchema.parse(result)).toEqual(result);
    expect(result.files.map((f) => [f.path, f.language, f.category, f.error ?? null])).toEqual([
      ['src/service.ts', 'TypeScript', 'source', null],
      ['src/view.tsx', 'TSX', 'source', null],
      ['lib/helper.cjs', 'JavaScript', 'source', null],
      ['src/broken.ts', 'TypeScript', 'source', 'syntax errors at line 2'],
    ]);
    expect(result.totals).toEqual({
      files: 4,
      failed: 1,
      lines: 11 + 3 + 3 + 2,
      codeLines: 8 + 3 + 3 + 2,
      commentLines: 1,
      blankLines: 2,
      bytes: Buffer.byteLength(SERVICE_TS + VIEW_TSX + HELPER_CJS) + 34,
      functions: 4,
      classes: 1,
      methods: 2,
      symbols: 7,
      imports: 2,
      exports: 6,
    });
    expect(result.files[0]?.symbols[0]).toMatchObject({ name: 'Service', doc: 'Runs the service.', startLine: 4, endLine: 7 });
    expect(result.byLanguage['TypeScript']).toMatchObject({ files: 2, failed: 1, functions: 2, classes: 1, methods: 2, commentLines: 1 });
    expect(result.byLanguage['TSX']).toMatchObject({ files: 1, functions: 1, codeLines: 3 });
    expect(result.byLanguage['JavaScript']).toMatchObject({ files: 1, functions: 1, imports: 1 });
    // `./helper.js` has no file beside src/service.ts (the helper lives in lib/): counted, not invented.
    expect(result.importGraph).toEqual({ edges: [], mostImported: [], entryPoints: [], cycles: [], unresolved: 1 });
    expect(result.files[0]?.imports).toEqual([{ source: './helper.js', names: ['helper'], line: 1 }]);
    expect(result.parseMs).toBeGreaterThan(0);
    expect(result).toMatchObject({ filesParsed: 4, filesReused: 0 });

    expect(ctx.reports.at(-2)).toEqual({
      progress: 1,
      message: 'Parsed 4 / 4 files',
      details: { filesParsed: 4, filesReused: 0, filesTotal: 4 },
    });
    expect(ctx.reports.at(-1)?.message).toBe('Resolving imports');
    expect(ctx.reports.map((r) => r.progress)).toEqual([0, 0.25, 0.5, 0.75, 1, 1]);
  });

  it('analyses a repository in twelve languages, tests included, vendored, generated and binary files left out', async () => {
    const { ctx } = await prepareRun(
      {
        ...MULTI_LANGUAGE_FILES,
        'tests/test_store.py': 'from shop.store import Store\n\n\ndef test_store():\n    assert Store()\n',
        'vendor/jquery.js': 'function jQuery() {}\n',
        'gen/api.pb.go': 'package gen\n\nfunc Generated() {}\n',
        'assets/blob.c': 'int x;\n',
      },
      { categories: { 'tests/test_store.py': 'test', 'vendor/jquery.js': 'vendored', 'gen/api.pb.go': 'generated', 'assets/blob.c': 'binary' } },
    );

    const result = await createCodeAnalysisStage(settingsFor(dataDir)).run(ctx);

    expect(CodeAnalysisResultSchema.parse(result)).toEqual(result);
    expect(result.files.map((f) => f.path)).not.toContain('vendor/jquery.js');
    expect(result.files.map((f) => f.path)).not.toContain('gen/api.pb.go');
    expect(result.files.map((f) => f.path)).not.toContain('assets/blob.c');
    expect(Object.keys(result.byLanguage).sort()).toEqual(
      ['C', 'C#', 'C++', 'Go', 'Java', 'JavaScript', 'PHP', 'Python', 'Ruby', 'Rust', 'TSX', 'TypeScript'].sort(),
    );
    expect(result.totals.failed).toBe(0);
    const names = Object.fromEntries(result.files.map((f) => [f.path, f.symbols.map((s) => `${s.kind} ${s.name}${s.parent === undefined ? '' : `@${s.parent}`}`)]));
    expect(names).toMatchObject({
      'shop/store.py': ['class Store', 'method add@Store'],
      'tests/test_store.py': ['function test_store'],
      'shop/store.go': ['struct Store', 'method Add@Store'],
      'shop/Store.java': ['class Store', 'method add@Store'],
      'shop/store.rs': ['struct Store', 'method add@Store'],
      'shop/store.c': ['struct store', 'function store_add'],
      // A `.h` file that is C++ by its content is read as C++.
      'shop/store.h': ['module shop', 'class Store@shop', 'method add@Store'],
      'shop/Store.cs': ['module Shop', 'class Store@Shop', 'method Add@Store'],
      'shop/store.rb': ['module Shop', 'class Store@Shop', 'method add@Store'],
      'shop/Store.php': ['module Shop', 'class Store', 'method add@Store'],
    });
    expect(result.files.find((f) => f.path === 'shop/store.h')?.language).toBe('C++');
    expect(result.files.find((f) => f.path === 'tests/test_store.py')).toMatchObject({
      category: 'test',
      imports: [{ source: 'shop.store', names: ['Store'], line: 1 }],
      lineStats: { code: 3, comment: 0, blank: 2 },
    });
    // Imports resolved to repository files: a relative TS import, and a Python test importing the package.
    expect(result.importGraph.edges).toEqual(
      expect.arrayContaining([
        ['web/View.tsx', 'web/store.ts'],
        ['tests/test_store.py', 'shop/store.py'],
      ]),
    );
    expect(result.files.find((f) => f.path === 'web/View.tsx')?.imports[0]).toMatchObject({ source: './store', resolved: 'web/store.ts' });
    const byLanguage = Object.values(result.byLanguage);
    expect(byLanguage.reduce((sum, stats) => sum + stats.codeLines, 0)).toBe(result.totals.codeLines);
    expect(result.totals.codeLines + result.totals.commentLines + result.totals.blankLines).toBe(result.totals.lines);
  });

  it('gives the same analysis when worker threads parse', async () => {
    const { ctx } = await prepareRun(MULTI_LANGUAGE_FILES);
    const inThread = await createCodeAnalysisStage(settingsFor(dataDir), { parseWorkers: 0 }).run(ctx);
    const threaded = await createCodeAnalysisStage(settingsFor(dataDir), { parseWorkers: 2 }).run(ctx);

    const withoutTimes = (result: typeof inThread) => ({ ...result, parseMs: 0 });
    expect(withoutTimes(threaded)).toEqual(withoutTimes(inThread));
    expect(threaded.files.map((f) => f.path)).toEqual(Object.keys(MULTI_LANGUAGE_FILES));
    expect(ctx.logs.filter((entry) => entry.msg.includes('parse worker failed'))).toEqual([]);
  });

  it('decodes text that is not UTF-8 instead of parsing mangled bytes', async () => {
    const latin1 = Buffer.from('# Café\ndef crème_brûlée():\n    """Dessert."""\n    return "é"\n', 'latin1');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('export function naïve(): string {\n  return "ü";\n}\n', 'utf16le')]);
    const { ctx } = await prepareRun({ 'legacy/dessert.py': latin1, 'src/naive.ts': utf16 });

    const result = await createCodeAnalysisStage(settingsFor(dataDir)).run(ctx);

    const byPath = Object.fromEntries(result.files.map((f) => [f.path, f]));
    expect(byPath['legacy/dessert.py']?.error).toBeUndefined();
    expect(byPath['legacy/dessert.py']?.symbols).toMatchObject([{ name: 'crème_brûlée', kind: 'function', doc: 'Dessert.' }]);
    expect(byPath['src/naive.ts']?.error).toBeUndefined();
    expect(byPath['src/naive.ts']?.symbols.map((s) => s.name)).toEqual(['naïve']);
  });

  it('skips binary files, files over the size limit and symlinks with a note instead of parsing them', async () => {
    const outside = path.join(dataDir, 'outside-secret.ts');
    await writeFile(outside, 'export const secret = () => 42;\n');
    const { ctx, structure } = await prepareRun({
      'dist/bundle.js': `var a = 1;\n${'x'.repeat(MAX_FILE_BYTES)}\n`,
      'assets/data.js': Buffer.from([0x76, 0x61, 0x72, 0x00, 0x01]),
      'src/fine.ts': 'export const fine = () => true;\n',
    });
    await symlink(outside, path.join(ctx.workspace.checkoutDir, 'src/link.ts'));
    await symlink(dataDir, path.join(ctx.workspace.checkoutDir, 'linked-dir'));
    structure.files.push(
      { path: 'src/link.ts', size: 10, language: null, category: 'source' },
      { path: '../outside-secret.ts', size: 10, language: null, category: 'source' },
      { path: 'linked-dir/outside-secret.ts', size: 10, language: null, category: 'source' },
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
    const { ctx } = await prepareRun({ 'a.ts': SERVICE_TS, 'b.ts': SERVICE_TS, 'c.ts': SERVICE_TS }, { signal: controller.signal });
    const cancelled = new Error('run cancelled');
    const cancellingCtx: StageContext = {
      ...ctx,
      report: (progress) => {
        ctx.reports.push(progress);
        // Cancel once the first file is done.
        if (progress.details?.['filesParsed'] === 1) controller.abort(cancelled);
      },
    };

    await expect(createCodeAnalysisStage(settingsFor(dataDir)).run(cancellingCtx)).rejects.toBe(cancelled);
    expect(ctx.reports.map((r) => r.details?.['filesParsed'])).toEqual([0, 1]);
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { ctx } = await prepareRun({ 'a.ts': SERVICE_TS }, { signal: controller.signal });
    await expect(createCodeAnalysisStage(settingsFor(dataDir)).run(ctx)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
