import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StructureResultSchema } from '@repolens/contracts';
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

function settings(maxFiles = 10_000): PipelineSettings {
  return {
    dataDir,
    allowLocalRepositories: true,
    cloneDepth: 1,
    limits: { maxFileBytes: 1_000_000, maxFiles },
    embedding: { modelId: 'repolens/code-embed-stub', modelsDir: path.join(temp.dir, 'models'), allowRemoteModels: false, batchSize: 8 },
  };
}

/** Clones with the real initialization stage; returns a context of the same run for the structure stage. */
async function contextAfterClone(url: string) {
  const request = { url, ref: null, accessToken: null };
  const initCtx = createRecordingContext({ dataDir, request });
  const initialization = await createInitializationStage(settings()).run(initCtx);
  return createRecordingContext({ dataDir, request, results: { initialization }, runId: initCtx.runId });
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
    expect(result.files.find((file) => file.path === 'src/App.tsx')).toEqual({ path: 'src/App.tsx', size: 31, language: 'TSX' });
    expect(result.files.find((file) => file.path === 'assets/logo.png')?.language).toBeNull();
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

  it('stops listing at the file limit and says so', async () => {
    const origin = await createFixtureRepository(temp.dir, 'limited');
    await origin.commit('five files', { 'a.ts': 'a', 'b.ts': 'b', 'c.ts': 'c', 'd.ts': 'd', 'e.ts': 'e' });
    const ctx = await contextAfterClone(origin.url);
    const result = await createStructureStage(settings(3)).run(ctx);
    expect(result.files.map((file) => file.path)).toEqual(['a.ts', 'b.ts', 'c.ts']);
    expect(result.totalFiles).toBe(3);
    expect(result.skipped).toEqual([{ path: 'd.ts', reason: 'file limit of 3 reached: this file and the rest of the tree were not listed' }]);
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
