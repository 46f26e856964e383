import { createHash } from 'node:crypto';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, StructureResultSchema, type StructureResult } from '@repolens/contracts';
import type { PipelineSettings } from '../../settings.js';
import { createRecordingContext } from '../../git/testing/recording-context.js';
import { createFixtureRepository, createTempDir } from '../../git/testing/fixture-repository.js';
import { createInitializationStage } from '../initialization.stage.js';
import { createStructureStage } from './structure.stage.js';

let temp: { dir: string; cleanup: () => Promise<void> };
let dataDir = '';

beforeAll(async () => {
  temp = await createTempDir();
  dataDir = path.join(temp.dir, 'data');
});

afterAll(async () => {
  await temp.cleanup();
});

function settings(limits: Partial<PipelineSettings['limits']> = {}): PipelineSettings {
  return {
    dataDir,
    allowLocalRepositories: true,
    cloneDepth: 1,
    limits: { maxFileBytes: 1_000_000, maxFiles: 10_000, maxRepositoryBytes: 1_000_000_000, cloneTimeoutMs: 120_000, ...limits },
    network: { allowPrivateAddresses: true, allowSsh: false },
    embedding: { modelId: 'repolens/code-embed-stub', modelsDir: path.join(temp.dir, 'models'), allowRemoteModels: false, batchSize: 8 },
  };
}

/** Clones with the real initialization stage; returns a context of the same run for the structure stage. */
async function contextAfterClone(url: string, options: { allowPartial?: boolean } = {}) {
  const request = { url, ref: null, accessToken: null, allowPartial: options.allowPartial ?? false };
  const initCtx = createRecordingContext({ dataDir, request });
  const initialization = await createInitializationStage(settings()).run(initCtx);
  return createRecordingContext({ dataDir, request, results: { initialization }, runId: initCtx.runId });
}

/** What `git hash-object` prints for this content. */
function gitBlobId(content: string | Buffer): string {
  const bytes = Buffer.from(content);
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

const FILES: Record<string, string | Buffer> = {
  'README.md': '# Project\n',
  '.gitignore': 'build/\n*.log\n!keep.log\n',
  'keep.log': 'kept by a negation\n',
  'src/index.ts': 'export const x = 1;\n',
  'src/App.tsx': 'export const App = () => null;\n',
  'src/.gitignore': 'generated.ts\n',
  'src/lib/helpers.ts': 'export {};\n',
  'lib/legacy.js': 'module.exports = {};\n',
  'tests/index.test.ts': 'test();\n',
  'docs/guide.md': '# Guide\n',
  '.github/workflows/ci.yml': 'on: push\n',
  'scripts/build.sh': 'echo build\n',
  'examples/demo.py': 'print(1)\n',
  'packages/web/src/main.ts': 'main();\n',
  'packages/web/test/main.test.ts': 'test();\n',
  'assets/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
};

describe('structure stage', () => {
  it('lists the files git would track, respecting root and nested .gitignore files, and follows no symlink', async () => {
    const origin = await createFixtureRepository(temp.dir, 'mapped');
    await origin.write(FILES);
    await symlink('src/index.ts', path.join(origin.dir, 'index-link.ts'));
    const outside = path.join(temp.dir, 'secret.ts');
    await writeFile(outside, 'export const secret = "outside";\n');
    await symlink(outside, path.join(origin.dir, 'escape.ts'));
    await origin.commit('tree');
    // Committed although ignored: such files are in the checkout but not part of the project's structure.
    await origin.write({ 'build/out.js': 'built\n', 'debug.log': 'noise\n', 'src/generated.ts': 'generated\n' });
    origin.git('add', '--force', 'build/out.js', 'debug.log', 'src/generated.ts');
    await origin.commit('ignored files');

    const ctx = await contextAfterClone(origin.url);
    const result = await createStructureStage(settings()).run(ctx);

    expect(StructureResultSchema.parse(result)).toEqual(result);
    expect(result.files.map((file) => file.path).sort()).toEqual(
      Object.keys(FILES).sort(),
    );
    // Each file carries git's blob id of its content: what a later run compares to reuse its analysis.
    expect(result.files.find((file) => file.path === 'src/App.tsx')).toEqual({
      path: 'src/App.tsx',
      size: 31,
      language: 'TSX',
      category: 'source',
      blobId: gitBlobId(FILES['src/App.tsx'] ?? ''),
    });
    expect(result.files.find((file) => file.path === 'assets/logo.png')).toMatchObject({ language: null, category: 'binary' });
    expect(Object.fromEntries(result.files.map((file) => [file.path, file.category]))).toEqual({
      'README.md': 'docs',
      '.gitignore': 'config',
      'keep.log': 'source',
      'src/index.ts': 'source',
      'src/App.tsx': 'source',
      'src/.gitignore': 'config',
      'src/lib/helpers.ts': 'source',
      'lib/legacy.js': 'source',
      'tests/index.test.ts': 'test',
      'docs/guide.md': 'docs',
      '.github/workflows/ci.yml': 'config',
      'scripts/build.sh': 'source',
      'examples/demo.py': 'source',
      'packages/web/src/main.ts': 'source',
      'packages/web/test/main.test.ts': 'test',
      'assets/logo.png': 'binary',
    });
    expect(result.categories).toEqual({ source: 8, test: 2, docs: 2, config: 3, generated: 0, vendored: 0, binary: 1 });
    expect(result.maxDepth).toBe(4);
    expect(result.largestFiles[0]).toEqual({ path: 'src/App.tsx', size: 31 });
    expect(result.largestFiles).toHaveLength(Object.keys(FILES).length);
    expect(result.totalFiles).toBe(Object.keys(FILES).length);
    expect(result.totalBytes).toBe(Object.values(FILES).reduce((sum, content) => sum + Buffer.byteLength(content), 0));
    // assets .github .github/workflows docs examples lib packages packages/web packages/web/src packages/web/test scripts src src/lib tests
    expect(result.directories).toBe(14);

    expect(result.skipped).toEqual([
      { path: 'escape.ts', reason: 'symbolic link pointing outside the repository; not followed' },
      { path: 'index-link.ts', reason: 'symbolic link to src/index.ts; not followed, the target is listed where it is' },
    ]);
    expect(result.languages.find((entry) => entry.language === 'TypeScript')).toEqual({
      language: 'TypeScript',
      files: 5,
      bytes: ['src/index.ts', 'src/lib/helpers.ts', 'tests/index.test.ts', 'packages/web/src/main.ts', 'packages/web/test/main.test.ts']
        .map((file) => Buffer.byteLength(FILES[file] ?? ''))
        .reduce((a, b) => a + b, 0),
    });
    expect(result.languages[0]?.language).toBe('TypeScript');
    expect(result.keyDirectories).toEqual([
      { path: '.github', kind: 'ci' },
      { path: 'docs', kind: 'docs' },
      { path: 'examples', kind: 'examples' },
      { path: 'lib', kind: 'source' },
      { path: 'packages', kind: 'source' },
      { path: 'packages/web/test', kind: 'tests' },
      { path: 'scripts', kind: 'scripts' },
      { path: 'src', kind: 'source' },
      { path: 'tests', kind: 'tests' },
    ]);
  });

  it('reports progress as it goes through a large tree', async () => {
    const origin = await createFixtureRepository(temp.dir, 'large');
    const many: Record<string, string> = {};
    for (let index = 0; index < 1_200; index += 1) many[`data/file-${String(index).padStart(4, '0')}.txt`] = `${index}\n`;
    await origin.commit('many files', many);
    const ctx = await contextAfterClone(origin.url);
    const result = await createStructureStage(settings()).run(ctx);
    expect(result.totalFiles).toBe(1_200);
    const listed = ctx.reports.filter((report) => report.details?.['filesListed'] !== undefined);
    expect(listed.map((report) => report.details?.['filesListed'])).toEqual([500, 1_000]);
    expect(listed.every((report) => report.progress > 0 && report.progress < 1)).toBe(true);
  });
});

describe('structure stage: languages by bytes', () => {
  it('counts programming and markup languages by bytes, leaving out vendored, generated, documentation and data files', async () => {
    const origin = await createFixtureRepository(temp.dir, 'linguist');
    const files: Record<string, string> = {
      'src/app.ts': 'export const app = 1;\n'.repeat(10),
      'src/app.test.ts': 'test("app", () => {});\n'.repeat(2),
      'src/page.html': '<p>hello</p>\n',
      'src/schema.pb.go': '// Code generated by protoc-gen-go. DO NOT EDIT.\npackage schema\n',
      'internal/enum.go': '// Code generated by "stringer"; DO NOT EDIT.\n\npackage internal\n',
      'cmd/main.go': 'package main\n\nfunc main() {}\n',
      'vendor/github.com/lib/pq/conn.go': 'package pq\n'.repeat(100),
      'node_modules/left-pad/index.js': 'module.exports = leftPad;\n'.repeat(100),
      'public/app.min.js': 'var a=1;'.repeat(500),
      'docs/example.py': 'print("documentation")\n'.repeat(50),
      'README.md': '# Readme\n'.repeat(100),
      'package-lock.json': '{"lockfileVersion": 3}\n'.repeat(100),
      'config.yaml': 'key: value\n'.repeat(100),
    };
    await origin.commit('a mixed tree', files);
    const ctx = await contextAfterClone(origin.url);
    const result = await createStructureStage(settings()).run(ctx);

    const bytes = (...paths: string[]) => paths.reduce((sum, file) => sum + Buffer.byteLength(files[file] ?? ''), 0);
    expect(result.languages).toEqual([
      { language: 'TypeScript', files: 2, bytes: bytes('src/app.ts', 'src/app.test.ts') },
      { language: 'Go', files: 1, bytes: bytes('cmd/main.go') },
      { language: 'HTML', files: 1, bytes: bytes('src/page.html') },
    ]);
    expect(result.categories).toEqual({ source: 3, test: 1, docs: 2, config: 1, generated: 3, vendored: 3, binary: 0 });
    // Every file is still listed, with its language; only the statistics leave them out.
    expect(result.files.find((file) => file.path === 'vendor/github.com/lib/pq/conn.go')).toMatchObject({ language: 'Go', category: 'vendored' });
    expect(result.largestFiles.map((file) => file.path).slice(0, 3)).toEqual(['public/app.min.js', 'node_modules/left-pad/index.js', 'package-lock.json']);
  });
});

describe('structure stage: file limits', () => {
  let origin: Awaited<ReturnType<typeof createFixtureRepository>>;

  beforeAll(async () => {
    origin = await createFixtureRepository(temp.dir, 'limited');
    await origin.commit('five files', { 'a.ts': 'a', 'b.ts': 'b', 'c/c.ts': 'c', 'd.ts': 'd', 'e.ts': 'e' });
  });

  it('fails a repository with more files than the limit with TOO_MANY_FILES', async () => {
    const ctx = await contextAfterClone(origin.url);
    const failure = await createStructureStage(settings({ maxFiles: 3 })).run(ctx).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'TOO_MANY_FILES', message: 'The repository has 5 files; this server analyses at most 3.' });
  });

  it('with partial analysis allowed, keeps the first files in path order and says how many were left out', async () => {
    const ctx = await contextAfterClone(origin.url, { allowPartial: true });
    const result = await createStructureStage(settings({ maxFiles: 3 })).run(ctx);
    expect(result.files.map((file) => file.path)).toEqual(['a.ts', 'b.ts', 'c/c.ts']);
    expect(result.totalFiles).toBe(3);
    expect(result.skipped).toEqual([
      { path: '.', reason: 'the repository has 5 files, over the limit of 3: the first 3 in path order were analysed, the rest left out' },
    ]);
  });

  it('takes a repository with exactly the limit as it is', async () => {
    const ctx = await contextAfterClone(origin.url);
    const result = await createStructureStage(settings({ maxFiles: 5 })).run(ctx);
    expect(result.totalFiles).toBe(5);
    expect(result.skipped).toEqual([]);
  });
});

/** Names git and readdir hand over as they are. */
const NEWLINE_NAME = 'new\nline.ts';
const NFD_NAME = 'src/cafe\u0301.ts';
const LONG_NAME = `${'n'.repeat(252)}.ts`;
const DEEP_FILE = `${Array.from({ length: 200 }, () => 'd').join('/')}/leaf.ts`;
const TOO_DEEP_FILE = `${Array.from({ length: 260 }, () => 'z').join('/')}/bottom.ts`;
const HUGE_FILE_BYTES = 5 * 1024 * 1024;

describe('structure stage: hostile repositories', () => {
  let result: StructureResult;
  const skipReason = (entryPath: string) => result.skipped.find((entry) => entry.path === entryPath)?.reason;
  const listed = (entryPath: string) => result.files.find((file) => file.path === entryPath);

  beforeAll(async () => {
    const origin = await createFixtureRepository(temp.dir, 'hostile');
    await origin.write({
      'src/index.ts': 'export const ok = true;\n',
      [NEWLINE_NAME]: 'export const newline = true;\n',
      '-rf.ts': 'export const dash = true;\n',
      '--upload-pack=evil': 'not an option\n',
      'a..b.ts': 'export const dots = true;\n',
      [NFD_NAME]: 'export const nfd = true;\n',
      [LONG_NAME]: 'export const long = true;\n',
      'data/huge.js': '// padding line\n'.repeat(HUGE_FILE_BYTES / 16),
      'src/video.ts': Buffer.from([0x47, 0x40, 0x00, 0x10, 0x00, 0x00, 0xb0, 0x0d, 0x00, 0x01, 0xc1, 0x00]),
    });
    await symlink('/etc/passwd', path.join(origin.dir, 'passwd'));
    await symlink('..', path.join(origin.dir, 'up'));
    await symlink('.', path.join(origin.dir, 'loop'));
    await symlink('../../src', path.join(origin.dir, 'src', 'loop-back'));
    await origin.commit('hostile tree');
    const ctx = await contextAfterClone(origin.url);
    // Our clone refuses paths more than 64 levels deep, so these reach the checkout another way (an
    // older or foreign checkout): the walk's own depth guard must hold by itself.
    for (const [deepPath, content] of [
      [DEEP_FILE, 'export const deep = true;\n'],
      [TOO_DEEP_FILE, 'export const tooDeep = true;\n'],
    ] as const) {
      const absolute = path.join(ctx.workspace.checkoutDir, deepPath);
      await mkdir(path.dirname(absolute), { recursive: true });
      await writeFile(absolute, content);
    }
    result = await createStructureStage(settings({ maxFileBytes: 1_000_000 })).run(ctx);
  });

  it('notes a symlink to /etc/passwd and does not follow it', () => {
    expect(skipReason('passwd')).toBe('symbolic link pointing outside the repository; not followed');
    expect(listed('passwd')).toBeUndefined();
  });

  it('notes a symlink to the parent directory and does not enter it', () => {
    expect(skipReason('up')).toBe('symbolic link pointing outside the repository; not followed');
    expect(result.files.some((file) => file.path.startsWith('up/'))).toBe(false);
  });

  it('notes symlinked directory loops and ends the walk', () => {
    expect(skipReason('loop')).toBe('symbolic link to the repository root; not followed, the target is listed where it is');
    expect(skipReason('src/loop-back')).toBe('symbolic link pointing outside the repository; not followed');
    expect(result.files.some((file) => file.path.startsWith('loop/'))).toBe(false);
  });

  it('notes a file named with a newline instead of carrying the name into citations', () => {
    expect(skipReason(NEWLINE_NAME)).toBe('file name contains control characters');
    expect(listed(NEWLINE_NAME)).toBeUndefined();
  });

  it('lists names with a leading dash or that look like git options as plain files', () => {
    expect(listed('-rf.ts')).toMatchObject({ language: 'TypeScript', category: 'source' });
    expect(listed('--upload-pack=evil')).toMatchObject({ size: 14 });
    expect(listed('a..b.ts')).toMatchObject({ language: 'TypeScript' });
  });

  it('keeps a Unicode NFD name byte for byte', () => {
    expect(listed(NFD_NAME)).toMatchObject({ language: 'TypeScript', category: 'source' });
    expect(listed(NFD_NAME.normalize('NFC'))).toBeUndefined();
  });

  it('lists a 255-byte file name', () => {
    expect(Buffer.byteLength(LONG_NAME)).toBe(255);
    expect(listed(LONG_NAME)).toMatchObject({ language: 'TypeScript' });
  });

  it('lists a file nested 200 directories deep and reports the depth', () => {
    expect(listed(DEEP_FILE)).toMatchObject({ category: 'source' });
    expect(result.maxDepth).toBe(201);
  });

  it('stops descending past 256 levels and says where', () => {
    const cutAt = Array.from({ length: 257 }, () => 'z').join('/');
    expect(skipReason(cutAt)).toBe('nested more than 256 directories deep; its contents were not listed');
    expect(listed(TOO_DEEP_FILE)).toBeUndefined();
  });

  it('lists a 5 MB file over a 1 MB limit without reading it, and notes it', () => {
    expect(listed('data/huge.js')).toMatchObject({ size: HUGE_FILE_BYTES, language: 'JavaScript', category: 'source' });
    expect(skipReason('data/huge.js')).toBe(`over the size limit (${HUGE_FILE_BYTES} bytes; the limit is 1000000): listed, not read`);
    expect(result.largestFiles[0]).toEqual({ path: 'data/huge.js', size: HUGE_FILE_BYTES });
  });

  it('calls a binary file with a .ts extension binary, with no language, out of the TypeScript bytes', () => {
    expect(listed('src/video.ts')).toMatchObject({ path: 'src/video.ts', size: 12, language: null, category: 'binary' });
    const typescript = result.languages.find((entry) => entry.language === 'TypeScript');
    const typescriptFiles = result.files.filter((file) => file.language === 'TypeScript');
    expect(typescript).toEqual({
      language: 'TypeScript',
      files: typescriptFiles.length,
      bytes: typescriptFiles.reduce((sum, file) => sum + file.size, 0),
    });
  });
});
