import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRepositoryUrl, type ParsedRepositoryUrl } from './repository-url.js';
import { resolveRemoteCommit } from './resolve-remote-commit.js';
import { createFixtureRepository, createTempDir, type FixtureRepository } from './testing/fixture-repository.js';

const signal = new AbortController().signal;
let temp: { dir: string; cleanup: () => Promise<void> };
let origin: FixtureRepository;
let url: ParsedRepositoryUrl;
const commits = { first: '', main: '', feature: '' };

beforeAll(async () => {
  temp = await createTempDir();
  origin = await createFixtureRepository(temp.dir);
  commits.first = await origin.commit('first', { 'a.txt': '1\n' });
  commits.main = await origin.commit('second', { 'a.txt': '2\n' });
  origin.git('tag', '-a', 'v1.0.0', '-m', 'release', commits.first);
  origin.git('branch', 'feature', commits.first);
  origin.git('checkout', '--quiet', 'feature');
  commits.feature = await origin.commit('feature', { 'b.txt': 'b\n' });
  origin.git('checkout', '--quiet', 'main');
  url = parseRepositoryUrl(origin.url, { allowLocal: true });
});

afterAll(async () => {
  await temp.cleanup();
});

describe('resolveRemoteCommit', () => {
  it('resolves the default branch, a branch and an annotated tag to commits', async () => {
    expect(await resolveRemoteCommit(url, null, null, signal)).toBe(commits.main);
    expect(await resolveRemoteCommit(url, 'feature', null, signal)).toBe(commits.feature);
    expect(await resolveRemoteCommit(url, 'v1.0.0', null, signal)).toBe(commits.first);
  });

  it('returns a full commit id as given and cannot expand an abbreviated one', async () => {
    expect(await resolveRemoteCommit(url, commits.first.toUpperCase(), null, signal)).toBe(commits.first);
    expect(await resolveRemoteCommit(url, commits.first.slice(0, 8), null, signal)).toBeNull();
  });

  it('fails for a missing ref and a missing repository', async () => {
    await expect(resolveRemoteCommit(url, 'no-such-branch', null, signal)).rejects.toMatchObject({ code: 'REF_NOT_FOUND' });
    const missing = parseRepositoryUrl(path.join(temp.dir, 'missing'), { allowLocal: true });
    await expect(resolveRemoteCommit(missing, null, null, signal)).rejects.toMatchObject({ code: 'REPOSITORY_NOT_FOUND' });
  });

  it('reads no repository config around where it runs (a .git in the temporary directory)', async () => {
    // Someone made the temporary directory a repository whose config sends the remote elsewhere.
    const impostor = await createFixtureRepository(temp.dir, 'impostor');
    const elsewhere = await impostor.commit('elsewhere', { 'x.txt': 'x\n' });
    const sharedTemp = await createFixtureRepository(temp.dir, 'shared-tmp');
    sharedTemp.git('config', `url.${impostor.url}.insteadOf`, origin.url);
    const previous = process.env['TMPDIR'];
    process.env['TMPDIR'] = sharedTemp.dir;
    try {
      // The set-up is real: git run in that directory reaches the impostor.
      expect(sharedTemp.git('ls-remote', origin.url, 'refs/heads/main')).toContain(elsewhere);
      expect(await resolveRemoteCommit(url, 'main', null, signal)).toBe(commits.main);
    } finally {
      if (previous === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = previous;
    }
  });
});
