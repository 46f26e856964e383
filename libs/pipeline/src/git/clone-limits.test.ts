import { randomBytes } from 'node:crypto';
import { access, chmod, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@repolens/contracts';
import { directorySize, type CloneLimits } from './clone-guard.js';
import { cloneRepository, type CloneRepositoryOptions } from './clone-repository.js';
import { parseRepositoryUrl } from './repository-url.js';
import { createFixtureRepository, createTempDir, type FixtureRepository } from './testing/fixture-repository.js';

const signal = new AbortController().signal;
const MiB = 1024 * 1024;
const roomy: CloneLimits = { timeoutMs: 60_000, maxBytes: 512 * MiB, maxFiles: 10_000 };
let temp: { dir: string; cleanup: () => Promise<void> };
let sized: FixtureRepository;

beforeAll(async () => {
  temp = await createTempDir();
  // Two files too big for the limits below (random, so they do not compress) beside small ones.
  sized = await createFixtureRepository(temp.dir, 'sized');
  await sized.commit('files', {
    'README.md': '# Sized\n',
    'src/a.ts': 'export const a = 1;\n',
    'assets/video.bin': randomBytes(3 * MiB),
    'assets/dump.bin': randomBytes(2 * MiB),
  });
});

afterAll(async () => {
  await temp.cleanup();
});

let clones = 0;
function options(repo: FixtureRepository, overrides: Partial<CloneRepositoryOptions> = {}): CloneRepositoryOptions {
  clones += 1;
  return {
    url: parseRepositoryUrl(repo.url, { allowLocal: true }),
    ref: null,
    token: null,
    dir: path.join(temp.dir, 'clones', `c${clones}`),
    depth: 1,
    signal,
    limits: roomy,
    ...overrides,
  };
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** Files of a checkout, `.git` left out, `/`-separated and sorted. */
async function filesOf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => !file.startsWith('.git/'))
    .sort();
}

describe('clone limits', () => {
  it('stops a clone that runs past the time limit with CLONE_TIMEOUT', async () => {
    const opts = options(sized, { limits: { ...roomy, timeoutMs: 1 } });
    const error = await errorOf(cloneRepository(opts));
    expect(error.code).toBe('CLONE_TIMEOUT');
    expect(error.message).toMatch(/longer than the limit of 1 ms/);
    expect(await exists(opts.dir)).toBe(false);
  });

  it('stops a repository over the size limit with REPOSITORY_TOO_LARGE', async () => {
    const error = await errorOf(cloneRepository(options(sized, { limits: { ...roomy, maxBytes: 1 * MiB } })));
    expect(error.code).toBe('REPOSITORY_TOO_LARGE');
    expect(error.message).toMatch(/1\.0 MiB/);
  });

  it('clones without the large files when a partial clone skips big blobs, and lists them', async () => {
    const opts = options(sized, { limits: { ...roomy, maxBytes: 1 * MiB }, partial: { blobLimitBytes: 100_000 } });
    const result = await cloneRepository(opts);
    expect(result.leftOut).toEqual({ largeFiles: ['assets/dump.bin', 'assets/video.bin'], fileLimit: null, unwritablePaths: [], unwritableCount: 0 });
    expect(await filesOf(opts.dir)).toEqual(['README.md', 'src/a.ts']);
  });

  it('fails a commit with more files than the limit with TOO_MANY_FILES, leaving nothing on disk', async () => {
    const opts = options(sized, { limits: { ...roomy, maxFiles: 3 } });
    const error = await errorOf(cloneRepository(opts));
    expect(error.code).toBe('TOO_MANY_FILES');
    expect(error.message).toMatch(/more than 3 files/);
    expect(await exists(opts.dir)).toBe(false);
  });

  it('leaves nothing on disk when git itself fails', async () => {
    const opts = options(sized, { ref: 'no-such-branch' });
    expect((await errorOf(cloneRepository(opts))).code).toBe('REF_NOT_FOUND');
    expect(await exists(opts.dir)).toBe(false);
  });

  it('checks out only the first files in path order when a partial checkout is allowed', async () => {
    const opts = options(sized, { limits: { ...roomy, maxFiles: 2 }, partial: { blobLimitBytes: null } });
    const result = await cloneRepository(opts);
    expect(result.leftOut).toEqual({ largeFiles: [], fileLimit: 2, unwritablePaths: [], unwritableCount: 0 });
    expect(await filesOf(opts.dir)).toEqual(['README.md', 'assets/dump.bin']);
  });

  it('stops a git bomb (one blob under thousands of paths) while it checks out', async () => {
    // 16 directories of 16 directories of 16 files, all the same 64 KiB blob: a pack of a few KiB that
    // would check out into 256 MiB.
    const bomb = await createFixtureRepository(temp.dir, 'bomb');
    await writeFile(path.join(bomb.dir, 'blob'), randomBytes(64 * 1024));
    const blob = bomb.git('hash-object', '-w', 'blob');
    const tree = (entries: string[]): string => bomb.gitWithInput(`${entries.join('\n')}\n`, 'mktree');
    const names = Array.from({ length: 16 }, (_, index) => `n${index}`);
    const leaf = tree(names.map((name) => `100644 blob ${blob}\t${name}`));
    const middle = tree(names.map((name) => `040000 tree ${leaf}\t${name}`));
    const top = tree(names.map((name) => `040000 tree ${middle}\t${name}`));
    const commit = bomb.git('commit-tree', top, '-m', 'bomb');
    bomb.git('update-ref', 'refs/heads/main', commit);

    const opts = options(bomb, { limits: { ...roomy, maxBytes: 4 * MiB } });
    const error = await errorOf(cloneRepository(opts));
    expect(error.code).toBe('REPOSITORY_TOO_LARGE');
    // What it wrote before it was stopped is gone.
    expect(await exists(opts.dir)).toBe(false);
  });

  it('leaves out, and lists, files whose path is too long for the file system instead of failing', async () => {
    // A tree 25 directories deep, each name 200 bytes: the file's path is over 5,000 bytes.
    const deep = await createFixtureRepository(temp.dir, 'deep');
    await deep.commit('shallow file', { 'README.md': '# deep\n' });
    await writeFile(path.join(deep.dir, 'leaf'), 'at the bottom\n');
    const blob = deep.git('hash-object', '-w', 'leaf');
    let tree = deep.gitWithInput(`100644 blob ${blob}\tleaf\n`, 'mktree');
    const name = 'd'.repeat(200);
    for (let level = 0; level < 24; level += 1) tree = deep.gitWithInput(`040000 tree ${tree}\t${name}\n`, 'mktree');
    const readme = deep.git('rev-parse', 'HEAD:README.md');
    const top = deep.gitWithInput(`100644 blob ${readme}\tREADME.md\n040000 tree ${tree}\t${name}\n`, 'mktree');
    deep.git('update-ref', 'refs/heads/main', deep.git('commit-tree', top, '-m', 'deep'));

    const opts = options(deep);
    const result = await cloneRepository(opts);
    // Named by its start and its end: a hostile tree could have thousands of such paths, 8 KiB each.
    const full = `${`${name}/`.repeat(25)}leaf`;
    expect(result.leftOut.unwritablePaths).toEqual([`${full.slice(0, 512)}…${full.slice(-511)}`]);
    expect(result.leftOut.unwritableCount).toBe(1);
    expect(await filesOf(opts.dir)).toEqual(['README.md']);
  });

  it('names the first 1,000 files it leaves out and counts the rest', async () => {
    const many = await createFixtureRepository(temp.dir, 'many-long-names');
    await writeFile(path.join(many.dir, 'blob'), 'x\n');
    const blob = many.git('hash-object', '-w', 'blob');
    // 1,200 names of 256 bytes, one over what a file system holds.
    const names = Array.from({ length: 1200 }, (_, index) => `${String(index).padStart(4, '0')}${'n'.repeat(252)}`);
    const top = many.gitWithInput(`${names.map((name) => `100644 blob ${blob}\t${name}`).join('\n')}\n`, 'mktree');
    many.git('update-ref', 'refs/heads/main', many.git('commit-tree', top, '-m', 'long names'));

    const result = await cloneRepository(options(many));
    expect(result.leftOut.unwritableCount).toBe(1200);
    expect(result.leftOut.unwritablePaths).toEqual(names.slice(0, 1000));
  });

  it('never fetches or checks out submodules', async () => {
    const inner = await createFixtureRepository(temp.dir, 'inner');
    await inner.commit('inner', { 'inner-secret.txt': 'from the submodule\n' });
    const outer = await createFixtureRepository(temp.dir, 'outer');
    await outer.commit('outer', { 'main.txt': 'outer\n' });
    outer.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '--quiet', inner.url, 'vendor/inner');
    await outer.commit('add submodule');

    const opts = options(outer);
    await cloneRepository(opts);
    expect(await filesOf(opts.dir)).toEqual(['.gitmodules', 'main.txt']);
    expect(await readdir(path.join(opts.dir, 'vendor', 'inner')).catch(() => [])).toEqual([]);
    expect(await exists(path.join(opts.dir, '.git', 'modules'))).toBe(false);
  });

  it("runs no hook that the source repository's own config points at", async () => {
    const hooked = await createFixtureRepository(temp.dir, 'hooked-source');
    await hooked.commit('first', { 'a.txt': '1\n' });
    const hooksDir = path.join(temp.dir, 'evil-hooks');
    const marker = path.join(temp.dir, 'evil-hook-ran');
    await mkdir(hooksDir, { recursive: true });
    for (const hook of ['post-checkout', 'post-merge', 'reference-transaction', 'post-index-change', 'pre-auto-gc', 'fsmonitor-watchman']) {
      await writeFile(path.join(hooksDir, hook), `#!/bin/sh\necho ${hook} >> '${marker}'\n`);
      await chmod(path.join(hooksDir, hook), 0o755);
    }
    hooked.git('config', 'core.hooksPath', hooksDir);
    hooked.git('config', 'core.fsmonitor', path.join(hooksDir, 'fsmonitor-watchman'));
    hooked.git('config', 'uploadpack.packObjectsHook', path.join(hooksDir, 'post-merge'));
    // The set-up is real: the source repository itself runs the hooks.
    hooked.git('checkout', '--quiet', '-b', 'other');
    expect(await exists(marker)).toBe(true);
    hooked.git('checkout', '--quiet', 'main');
    await rm(marker);

    for (const partial of [undefined, { blobLimitBytes: 1 }]) {
      const opts = options(hooked, partial === undefined ? {} : { partial });
      await cloneRepository(opts);
      expect(await filesOf(opts.dir)).toEqual(partial === undefined ? ['a.txt'] : []);
    }
    expect(await exists(marker)).toBe(false);
  });
});

/**
 * A tree of empty directories: `width` names at the top, each the same chain of nested `a/` directories,
 * `levels` directories in all per file, with an empty file `f` at the bottom; beside them a README. It
 * packs into a few KiB whatever it checks out into, and its files hold no bytes.
 */
async function nestedDirectories(name: string, width: number, levels: number): Promise<FixtureRepository> {
  const repo = await createFixtureRepository(temp.dir, name);
  await writeFile(path.join(repo.dir, 'empty'), '');
  await writeFile(path.join(repo.dir, 'readme'), '# nested\n');
  const empty = repo.git('hash-object', '-w', 'empty');
  const readme = repo.git('hash-object', '-w', 'readme');
  let chain = repo.gitWithInput(`100644 blob ${empty}\tf\n`, 'mktree');
  for (let level = 1; level < levels; level += 1) chain = repo.gitWithInput(`040000 tree ${chain}\ta\n`, 'mktree');
  const top = [`100644 blob ${readme}\tREADME.md`, ...Array.from({ length: width }, (_, index) => `040000 tree ${chain}\td${index}`)];
  repo.git('update-ref', 'refs/heads/main', repo.git('commit-tree', repo.gitWithInput(`${top.join('\n')}\n`, 'mktree'), '-m', 'nested'));
  return repo;
}

async function directoriesOf(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory() && !path.relative(dir, path.join(entry.parentPath, entry.name)).startsWith('.git')).length;
}

describe('directory bombs', () => {
  it('refuses paths more than 64 levels deep with TOO_MANY_FILES, or leaves them out with a note when partial', async () => {
    // As found in review: 200 files, each under the same chain of 100 nested directories, 20,000
    // directories in all; none of the other limits saw them.
    const deep = await nestedDirectories('deep-directories', 200, 100);
    const opts = options(deep);
    const error = await errorOf(cloneRepository(opts));
    expect(error.code).toBe('TOO_MANY_FILES');
    expect(error.message).toMatch(/more than 64 levels deep/);
    expect(await exists(opts.dir)).toBe(false);

    const partialOpts = options(deep, { partial: { blobLimitBytes: null } });
    const result = await cloneRepository(partialOpts);
    expect(result.leftOut.unwritableCount).toBe(200);
    expect(result.leftOut.unwritablePaths[0]).toBe(`d0/${'a/'.repeat(99)}f`);
    expect(await filesOf(partialOpts.dir)).toEqual(['README.md']);
    expect(await directoriesOf(partialOpts.dir)).toBe(0);
  });

  it('counts directories against the file limit: more than the limit fails with TOO_MANY_FILES, or is cut when partial', async () => {
    // 50 files, 1,500 directories (30 per file), all within the depth limit.
    const wide = await nestedDirectories('wide-directories', 50, 30);
    const limits = { ...roomy, maxFiles: 1000 };
    const opts = options(wide, { limits });
    const error = await errorOf(cloneRepository(opts));
    expect(error.code).toBe('TOO_MANY_FILES');
    expect(error.message).toMatch(/more than 1000 directories/);
    expect(await exists(opts.dir)).toBe(false);

    const partialOpts = options(wide, { limits, partial: { blobLimitBytes: null } });
    const result = await cloneRepository(partialOpts);
    expect(result.leftOut.fileLimit).toBe(1000);
    // The README and the first 33 files: 990 directories; the next one would pass 1,000.
    expect(await filesOf(partialOpts.dir)).toHaveLength(34);
    expect(await directoriesOf(partialOpts.dir)).toBe(990);
  });

  it('counts what directories take on disk against the size limit', async () => {
    // 2,400 empty directories (about 9.4 MiB of disk) and 40 empty files, within the file limits.
    const bomb = await nestedDirectories('directory-bytes', 40, 60);
    const opts = options(bomb, { limits: { ...roomy, maxBytes: 4 * MiB } });
    const error = await errorOf(cloneRepository(opts));
    expect(error.code).toBe('REPOSITORY_TOO_LARGE');
    expect(await exists(opts.dir)).toBe(false);

    const measured = await createTempDir();
    await mkdir(path.join(measured.dir, ...Array.from({ length: 10 }, () => 'a')), { recursive: true });
    expect(await directorySize(measured.dir)).toBe(10 * 4096);
    await measured.cleanup();
  });
});
