import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneRepository } from './clone-repository.js';
import { ensureCheckout } from './ensure-checkout.js';
import { ensureRunCheckout } from './ensure-run-checkout.js';
import { parseRepositoryUrl } from './repository-url.js';
import { createFixtureRepository, createTempDir, type FixtureRepository } from './testing/fixture-repository.js';
import { createRecordingContext } from './testing/recording-context.js';

const signal = new AbortController().signal;
let temp: { dir: string; cleanup: () => Promise<void> };
let origin: FixtureRepository;
let first = '';
let second = '';

beforeAll(async () => {
  temp = await createTempDir();
  origin = await createFixtureRepository(temp.dir);
  first = await origin.commit('first', { 'a.txt': 'one\n' });
  second = await origin.commit('second', { 'a.txt': 'two\n' });
});

afterAll(async () => {
  await temp.cleanup();
});

function headOf(dir: string): string {
  return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
}

describe('ensureCheckout', () => {
  it('leaves a checkout at the pinned commit alone and restores a missing one', async () => {
    const dir = path.join(temp.dir, 'checkouts', 'run-1');
    const url = parseRepositoryUrl(origin.url, { allowLocal: true });
    const { commitSha } = await cloneRepository({ url, ref: null, token: null, dir, depth: 1, signal });
    await writeFile(path.join(dir, 'marker.txt'), 'still here');

    const options = { cloneUrl: url.cloneUrl, kind: url.kind, commitSha, dir, token: null, signal };
    expect(await ensureCheckout(options)).toBe('present');
    expect(await readdir(dir)).toContain('marker.txt');

    await rm(dir, { recursive: true, force: true });
    expect(await ensureCheckout(options)).toBe('restored');
    expect(headOf(dir)).toBe(second);
    // Nothing of the staging clone is left beside the checkout.
    expect(await readdir(path.dirname(dir))).toEqual(['run-1']);
  });

  it('moves a checkout at another commit back to the pinned one', async () => {
    const dir = path.join(temp.dir, 'checkouts', 'run-2');
    const url = parseRepositoryUrl(origin.url, { allowLocal: true });
    await cloneRepository({ url, ref: null, token: null, dir, depth: 0, signal });

    const result = await ensureCheckout({ cloneUrl: url.cloneUrl, kind: 'local', commitSha: first, dir, token: null, signal });
    expect(result).toBe('restored');
    expect(headOf(dir)).toBe(first);
  });

  it('keeps the existing checkout when the restore fails', async () => {
    const dir = path.join(temp.dir, 'checkouts', 'run-3');
    const url = parseRepositoryUrl(origin.url, { allowLocal: true });
    await cloneRepository({ url, ref: null, token: null, dir, depth: 1, signal });

    const missing = 'e'.repeat(40);
    await expect(
      ensureCheckout({ cloneUrl: url.cloneUrl, kind: 'local', commitSha: missing, dir, token: null, signal }),
    ).rejects.toMatchObject({ code: 'REF_NOT_FOUND' });
    expect(headOf(dir)).toBe(second);
    expect((await readdir(path.dirname(dir))).filter((name) => name.includes('restore'))).toEqual([]);
  });

  it('restores a partial checkout with the same files left out', async () => {
    const big = await createFixtureRepository(temp.dir, 'big');
    const commitSha = await big.commit('big', { 'a.txt': 'a\n', 'b.txt': 'b\n', 'large.bin': randomBytes(50_000), 'z.txt': 'z\n' });
    const dir = path.join(temp.dir, 'checkouts', 'run-4');
    const options = {
      cloneUrl: big.url,
      kind: 'local' as const,
      commitSha,
      dir,
      token: null,
      signal,
      limits: { timeoutMs: 60_000, maxBytes: 10_000_000, maxFiles: 3 },
      partial: { blobLimitBytes: 10_000 },
    };
    expect(await ensureCheckout(options)).toBe('restored');
    // The first three files in path order, less the one over the blob limit.
    expect((await readdir(dir)).sort()).toEqual(['.git', 'a.txt', 'b.txt']);
  });

  it('restores a partial checkout that left out paths too deep to check out, on a worker that did not clone it', async () => {
    // A README and one file 70 levels deep: a partial first checkout leaves that file out, and records no cut.
    const deep = await createFixtureRepository(temp.dir, 'deep');
    await deep.commit('readme', { 'README.md': '# deep\n' });
    let tree = deep.gitWithInput(`100644 blob ${deep.git('rev-parse', 'HEAD:README.md')}\tf\n`, 'mktree');
    for (let level = 0; level < 70; level += 1) tree = deep.gitWithInput(`040000 tree ${tree}\ta\n`, 'mktree');
    const top = deep.gitWithInput(`100644 blob ${deep.git('rev-parse', 'HEAD:README.md')}\tREADME.md\n040000 tree ${tree}\ta\n`, 'mktree');
    const commitSha = deep.git('commit-tree', top, '-m', 'deep');
    deep.git('update-ref', 'refs/heads/main', commitSha);

    const ctx = createRecordingContext({
      dataDir: path.join(temp.dir, 'data'),
      request: { url: deep.url, ref: null, accessToken: null, allowPartial: true },
      results: {
        initialization: { cloneUrl: deep.url, notes: [], ref: 'main', commitSha, shallow: true, fileCount: 1, sizeBytes: 7, durationMs: 1 },
      },
    });
    expect(await ensureRunCheckout(ctx)).toBe('restored');
    expect((await readdir(ctx.workspace.checkoutDir)).sort()).toEqual(['.git', 'README.md']);
  });
});
