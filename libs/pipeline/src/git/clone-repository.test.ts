import { execFileSync } from 'node:child_process';
import { access, chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@repolens/contracts';
import { cloneRepository, type CloneProgress } from './clone-repository.js';
import { parseRepositoryUrl } from './repository-url.js';
import { createFixtureRepository, createTempDir, type FixtureRepository } from './testing/fixture-repository.js';

const signal = new AbortController().signal;
let temp: { dir: string; cleanup: () => Promise<void> };
let origin: FixtureRepository;
const commits: { first: string; second: string; third: string; feature: string } = { first: '', second: '', third: '', feature: '' };

beforeAll(async () => {
  temp = await createTempDir();
  origin = await createFixtureRepository(temp.dir);
  commits.first = await origin.commit('first', { 'README.md': '# Fixture\n', 'src/a.ts': 'export const a = 1;\n' });
  commits.second = await origin.commit('second', { 'src/b.ts': 'export const b = 2;\n' });
  commits.third = await origin.commit('third', { 'src/c.ts': 'export const c = 3;\n' });
  origin.git('tag', 'v1', commits.second);
  origin.git('tag', '-a', 'v0', '-m', 'annotated', commits.first);
  origin.git('checkout', '--quiet', '-b', 'feature');
  commits.feature = await origin.commit('feature work', { 'feature.txt': 'only on feature\n' });
  origin.git('checkout', '--quiet', 'main');
});

afterAll(async () => {
  await temp.cleanup();
});

let cloneCount = 0;
function nextDir(): string {
  cloneCount += 1;
  return path.join(temp.dir, 'clones', `c${cloneCount}`);
}

const local = () => parseRepositoryUrl(origin.url, { allowLocal: true });

function headOf(dir: string): string {
  return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
}

function commitCountOf(dir: string): number {
  return Number(execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim());
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('cloneRepository', () => {
  it('clones the default branch shallowly and names it', async () => {
    const dir = nextDir();
    const progress: CloneProgress[] = [];
    const result = await cloneRepository({
      url: local(),
      ref: null,
      token: null,
      dir,
      depth: 1,
      signal,
      onProgress: (event) => progress.push(event),
    });
    expect(result).toEqual({ commitSha: commits.third, ref: 'main', shallow: true, leftOut: { largeFiles: [], fileLimit: null, unwritablePaths: [], unwritableCount: 0 } });
    expect(headOf(dir)).toBe(commits.third);
    expect(commitCountOf(dir)).toBe(1);
    expect(await readFile(path.join(dir, 'src/c.ts'), 'utf8')).toContain('c = 3');
    expect(await exists(path.join(dir, 'feature.txt'))).toBe(false);
    expect(progress.some((event) => event.stage === 'receiving objects' && event.progress === 100)).toBe(true);
  });

  it('clones the whole history when depth is 0', async () => {
    const dir = nextDir();
    const result = await cloneRepository({ url: local(), ref: null, token: null, dir, depth: 0, signal });
    expect(result.shallow).toBe(false);
    expect(commitCountOf(dir)).toBe(3);
  });

  it('clones a branch', async () => {
    const dir = nextDir();
    const result = await cloneRepository({ url: local(), ref: 'feature', token: null, dir, depth: 1, signal });
    expect(result).toEqual({ commitSha: commits.feature, ref: 'feature', shallow: true, leftOut: { largeFiles: [], fileLimit: null, unwritablePaths: [], unwritableCount: 0 } });
    expect(await readFile(path.join(dir, 'feature.txt'), 'utf8')).toBe('only on feature\n');
  });

  it('clones a lightweight and an annotated tag at their commits', async () => {
    const lightweight = await cloneRepository({ url: local(), ref: 'v1', token: null, dir: nextDir(), depth: 1, signal });
    expect(lightweight.commitSha).toBe(commits.second);
    const annotated = await cloneRepository({ url: local(), ref: 'v0', token: null, dir: nextDir(), depth: 1, signal });
    expect(annotated.commitSha).toBe(commits.first);
  });

  it('checks out a full commit id, detached', async () => {
    const dir = nextDir();
    const result = await cloneRepository({ url: local(), ref: commits.second, token: null, dir, depth: 1, signal });
    expect(result).toEqual({ commitSha: commits.second, ref: commits.second, shallow: true, leftOut: { largeFiles: [], fileLimit: null, unwritablePaths: [], unwritableCount: 0 } });
    expect(await exists(path.join(dir, 'src/b.ts'))).toBe(true);
    expect(await exists(path.join(dir, 'src/c.ts'))).toBe(false);
  });

  it('expands an abbreviated commit id', async () => {
    const short = commits.first.slice(0, 10);
    const result = await cloneRepository({ url: local(), ref: short, token: null, dir: nextDir(), depth: 1, signal });
    expect(result.commitSha).toBe(commits.first);
    expect(result.ref).toBe(short);
  });

  it('replaces what a previous attempt left in the directory', async () => {
    const dir = nextDir();
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'leftover.txt'), 'from a failed attempt');
    await cloneRepository({ url: local(), ref: null, token: null, dir, depth: 1, signal });
    expect(await exists(path.join(dir, 'leftover.txt'))).toBe(false);
  });

  it.each([
    ['a missing branch', 'no-such-branch'],
    ['a missing commit', 'f'.repeat(40)],
    ['a missing abbreviated commit', 'abcdef1'],
  ])('fails with REF_NOT_FOUND for %s', async (_label, ref) => {
    const error = await errorOf(cloneRepository({ url: local(), ref, token: null, dir: nextDir(), depth: 1, signal }));
    expect(error.code).toBe('REF_NOT_FOUND');
  });

  it('fails with REPOSITORY_NOT_FOUND for a path with no repository', async () => {
    const url = parseRepositoryUrl(path.join(temp.dir, 'does-not-exist'), { allowLocal: true });
    const error = await errorOf(cloneRepository({ url, ref: null, token: null, dir: nextDir(), depth: 1, signal }));
    expect(error.code).toBe('REPOSITORY_NOT_FOUND');
    expect(error.message).toMatch(/does not appear to be a git repository/);
  });

  it('fails with HOST_NOT_FOUND for a host that does not resolve', async () => {
    const url = parseRepositoryUrl('https://nonexistent.invalid/x/y.git', { allowLocal: false });
    const error = await errorOf(cloneRepository({ url, ref: null, token: null, dir: nextDir(), depth: 1, signal }));
    expect(error.code).toBe('HOST_NOT_FOUND');
  });

  it('reports an empty repository clearly', async () => {
    const empty = await createFixtureRepository(temp.dir, 'empty');
    const url = parseRepositoryUrl(empty.url, { allowLocal: true });
    const error = await errorOf(cloneRepository({ url, ref: null, token: null, dir: nextDir(), depth: 1, signal }));
    expect(error.code).toBe('REF_NOT_FOUND');
    expect(error.message).toMatch(/no commits/);
  });

  it('refuses a ref that git could read as an option', async () => {
    const error = await errorOf(
      cloneRepository({ url: local(), ref: '--upload-pack=touch pwned', token: null, dir: nextDir(), depth: 1, signal }),
    );
    expect(error.code).toBe('INVALID_REF');
  });

  it('stops with the abort reason when the signal is already aborted', async () => {
    const controller = new AbortController();
    const reason = new AppError('RUN_CANCELLED');
    controller.abort(reason);
    await expect(
      cloneRepository({ url: local(), ref: null, token: null, dir: nextDir(), depth: 1, signal: controller.signal }),
    ).rejects.toBe(reason);
  });

  it('stops with the abort reason when aborted while git runs', async () => {
    const controller = new AbortController();
    const reason = new AppError('STAGE_TIMEOUT');
    const attempt = cloneRepository({
      url: local(),
      ref: commits.first,
      token: null,
      dir: nextDir(),
      depth: 0,
      signal: controller.signal,
      onProgress: () => controller.abort(reason),
    });
    await expect(attempt).rejects.toBe(reason);
    expect(controller.signal.aborted).toBe(true);
  });

  it('runs no hooks, not even ones a global template directory would install', async () => {
    // A global git config whose template installs a post-checkout hook that leaves a marker file.
    const home = path.join(temp.dir, 'home');
    const hooks = path.join(home, 'template', 'hooks');
    const marker = path.join(temp.dir, 'hook-ran');
    await mkdir(hooks, { recursive: true });
    await writeFile(path.join(hooks, 'post-checkout'), `#!/bin/sh\ntouch '${marker}'\n`);
    await chmod(path.join(hooks, 'post-checkout'), 0o755);
    await writeFile(path.join(home, '.gitconfig'), `[init]\n\ttemplateDir = ${path.join(home, 'template')}\n`);

    const previousHome = process.env['HOME'];
    process.env['HOME'] = home;
    try {
      // The same clone through the plain git command line does run the hook: the set-up is real.
      execFileSync('git', ['clone', '--quiet', '--', origin.url, nextDir()], {
        env: { PATH: process.env['PATH'], HOME: home, GIT_CONFIG_NOSYSTEM: '1' },
        stdio: 'ignore',
      });
      expect(await exists(marker)).toBe(true);
      await rm(marker);

      for (const ref of [null, commits.first]) {
        await cloneRepository({ url: local(), ref, token: null, dir: nextDir(), depth: 1, signal });
      }
      expect(await exists(marker)).toBe(false);
    } finally {
      process.env['HOME'] = previousHome;
    }
  });
});
