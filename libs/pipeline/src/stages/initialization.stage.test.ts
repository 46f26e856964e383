import { randomBytes } from 'node:crypto';
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
    limits: { maxFileBytes: 1_000_000, maxFiles: 10_000, maxRepositoryBytes: 512 * 1024 * 1024, cloneTimeoutMs: 60_000 },
    network: { allowPrivateAddresses: false, allowSsh: false },
    embedding: { modelId: 'repolens/code-embed-stub', modelsDir: path.join(temp.dir, 'models'), allowRemoteModels: false, batchSize: 8 },
    ...overrides,
  };
}

describe('initialization stage', () => {
  it('clones the repository, pins the commit and counts what was checked out', async () => {
    const ctx = createRecordingContext({
      dataDir: settings().dataDir,
      request: { url: origin.dir, ref: null, accessToken: null, allowPartial: false },
    });
    const result = await createInitializationStage(settings()).run(ctx);

    expect(InitializationResultSchema.parse(result)).toEqual(result);
    expect(result.notes).toEqual([]);
    expect(result.partial).toBeUndefined();
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
      request: { url: origin.url, ref: first, accessToken: null, allowPartial: false },
    });
    const result = await createInitializationStage(settings({ cloneDepth: 0 })).run(ctx);
    expect(result).toMatchObject({ commitSha: first, ref: first, shallow: false, fileCount: 1 });
  });

  it('refuses a local repository when the server does not allow them', async () => {
    const ctx = createRecordingContext({
      dataDir: settings().dataDir,
      request: { url: origin.dir, ref: null, accessToken: null, allowPartial: false },
    });
    await expect(createInitializationStage(settings({ allowLocalRepositories: false })).run(ctx)).rejects.toMatchObject({
      code: 'LOCAL_REPOSITORIES_DISABLED',
    });
  });

  describe('over the limits', () => {
    let big: FixtureRepository;
    const MiB = 1024 * 1024;
    const tight = (): PipelineSettings => {
      const base = settings();
      return settings({ limits: { ...base.limits, maxRepositoryBytes: 1 * MiB, maxFileBytes: 200_000 } });
    };

    beforeAll(async () => {
      big = await createFixtureRepository(temp.dir, 'big');
      await big.commit('big', { 'README.md': '# Big\n', 'src/main.ts': 'export {};\n', 'data/model.bin': randomBytes(2 * MiB) });
    });

    it('fails a repository over the size limit with REPOSITORY_TOO_LARGE', async () => {
      const ctx = createRecordingContext({ dataDir: settings().dataDir, request: { url: big.url, ref: null, accessToken: null, allowPartial: false } });
      await expect(createInitializationStage(tight()).run(ctx)).rejects.toMatchObject({ code: 'REPOSITORY_TOO_LARGE' });
    });

    it('clones it without its large files, with a note, when the user allowed a partial analysis', async () => {
      const ctx = createRecordingContext({ dataDir: settings().dataDir, request: { url: big.url, ref: null, accessToken: null, allowPartial: true } });
      const result = await createInitializationStage(tight()).run(ctx);
      expect(InitializationResultSchema.parse(result)).toEqual(result);
      expect(result).toMatchObject({ fileCount: 2, partial: { blobLimitBytes: 200_000, maxFiles: null } });
      expect(result.notes).toEqual([
        'The repository is larger than the limit of 1.0 MiB, so it was cloned without its files over 195.3 KiB.',
        '1 file over 195.3 KiB left out (not downloaded or analysed): data/model.bin.',
      ]);
    });

    it('fails when even the partial clone is over the limit', async () => {
      const base = settings();
      const tiny = settings({ limits: { ...base.limits, maxRepositoryBytes: 2_000, maxFileBytes: 200_000 } });
      const ctx = createRecordingContext({ dataDir: base.dataDir, request: { url: big.url, ref: null, accessToken: null, allowPartial: true } });
      await expect(createInitializationStage(tiny).run(ctx)).rejects.toMatchObject({
        code: 'REPOSITORY_TOO_LARGE',
        message: expect.stringMatching(/even without its files over/),
      });
    });

    it('fails a commit with more files than the limit, or checks out the first ones with a note', async () => {
      const base = settings();
      const few = settings({ limits: { ...base.limits, maxFiles: 2 } });
      const refused = createRecordingContext({ dataDir: base.dataDir, request: { url: big.url, ref: null, accessToken: null, allowPartial: false } });
      await expect(createInitializationStage(few).run(refused)).rejects.toMatchObject({ code: 'TOO_MANY_FILES' });

      const allowed = createRecordingContext({ dataDir: base.dataDir, request: { url: big.url, ref: null, accessToken: null, allowPartial: true } });
      const result = await createInitializationStage(few).run(allowed);
      expect(result).toMatchObject({ fileCount: 2, partial: { blobLimitBytes: null, maxFiles: 2 } });
      expect(result.notes).toEqual(['The repository is over the limit of 2 files or directories; only what fits (in path order) was checked out and analysed.']);
    });

    it('stops a clone over the time limit with CLONE_TIMEOUT', async () => {
      const base = settings();
      const hurried = settings({ limits: { ...base.limits, cloneTimeoutMs: 1 } });
      const ctx = createRecordingContext({ dataDir: base.dataDir, request: { url: big.url, ref: null, accessToken: null, allowPartial: true } });
      await expect(createInitializationStage(hurried).run(ctx)).rejects.toMatchObject({ code: 'CLONE_TIMEOUT' });
    });
  });
});
