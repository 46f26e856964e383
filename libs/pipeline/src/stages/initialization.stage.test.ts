import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InitializationResultSchema } from '@repolens/contracts';
import type { PipelineSettings } from '../settings.js';
import { createRecordingContext } from '../git/testing/recording-context.js';
import { createFixtureRepository, createTempDir, type FixtureRepository } from '../git/testing/fixture-repository.js';
import { createInitializationStage } from './initialization.stage.js';

let temp: { dir: string; cleanup: () => Promise<void> };
let origin: FixtureRepository;
let head = '';
const FILES = {
  'README.md': '# Demo\n\nA demo project.\n',
  'src/index.ts': 'export const answer = 42;\n',
  'src/nested/deep.ts': 'export {};\n',
  'data.bin': Buffer.from([0, 1, 2, 3, 4, 5, 6, 7]),
};

beforeAll(async () => {
  temp = await createTempDir();
  origin = await createFixtureRepository(temp.dir);
  await origin.commit('first', { 'old.txt': 'removed later\n' });
  origin.git('rm', '--quiet', 'old.txt');
  await symlink('src/index.ts', path.join(origin.dir, 'link-to-index.ts'));
  head = await origin.commit('second', FILES);
});

afterAll(async () => {
  await temp.cleanup();
});

function settings(overrides: Partial<PipelineSettings> = {}): PipelineSettings {
  return {
    dataDir: path.join(temp.dir, 'data'),
    allowLocalRepositories: true,
    cloneDepth: 1,
    limits: { maxFileBytes: 1_000_000, maxFiles: 10_000 },
    embedding: { modelId: 'repolens/code-embed-stub', modelsDir: path.join(temp.dir, 'models'), allowRemoteModels: false, batchSize: 8 },
    ...overrides,
  };
}

describe('initialization stage', () => {
  it('clones the repository, pins the commit and counts what was checked out', async () => {
    const ctx = createRecordingContext({
      dataDir: settings().dataDir,
      request: { url: origin.dir, ref: null, accessToken: null },
    });
    const result = await createInitializationStage(settings()).run(ctx);

    expect(InitializationResultSchema.parse(result)).toEqual(result);
    const expectedBytes = Object.values(FILES).reduce((sum, content) => sum + Buffer.byteLength(content), 0);
    expect(result).toMatchObject({
      cloneUrl: origin.url,
      ref: 'main',
      commitSha: head,
      shallow: true,
      // Four files and the symlink, which is counted but not followed.
      fileCount: 5,
      sizeBytes: expectedBytes,
    });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);

    const receiving = ctx.reports.filter((report) => report.message.startsWith('Receiving objects'));
    expect(receiving.length).toBeGreaterThan(0);
    expect(receiving.at(-1)?.details).toMatchObject({ objectsReceived: expect.any(Number), objectsTotal: expect.any(Number) });
    const values = ctx.reports.map((report) => report.progress);
    expect(values.every((value, index) => value >= 0 && value <= 1 && (index === 0 || value >= (values[index - 1] ?? 0)))).toBe(true);
  });

  it('clones a requested ref with the full history when the depth is 0', async () => {
    const first = origin.git('rev-parse', 'HEAD~1');
    const ctx = createRecordingContext({
      dataDir: settings().dataDir,
      request: { url: origin.url, ref: first, accessToken: null },
    });
    const result = await createInitializationStage(settings({ cloneDepth: 0 })).run(ctx);
    expect(result).toMatchObject({ commitSha: first, ref: first, shallow: false, fileCount: 1 });
  });

  it('refuses a local repository when the server does not allow them', async () => {
    const ctx = createRecordingContext({
      dataDir: settings().dataDir,
      request: { url: origin.dir, ref: null, accessToken: null },
    });
    await expect(createInitializationStage(settings({ allowLocalRepositories: false })).run(ctx)).rejects.toMatchObject({
      code: 'LOCAL_REPOSITORIES_DISABLED',
    });
  });
});
