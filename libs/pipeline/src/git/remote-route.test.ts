import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkPolicy } from '../network/network-policy.js';
import { cloneRepository } from './clone-repository.js';
import { remoteRouteFor, sshCommandFor } from './remote-route.js';
import { parseRepositoryUrl } from './repository-url.js';
import { createFixtureRepository, createTempDir } from './testing/fixture-repository.js';

const withSsh = { allowLocal: true, allowSsh: true };

function policy(answers: Record<string, readonly string[]>, allowPrivateAddresses = false): NetworkPolicy {
  return {
    allowPrivateAddresses,
    resolve: async (hostname) => {
      const answer = answers[hostname];
      if (answer === undefined) throw new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      return answer;
    },
  };
}

describe('remoteRouteFor', () => {
  it('pins ssh to the address it checked, under the host name for the host key, and never prompts', async () => {
    const route = await remoteRouteFor(parseRepositoryUrl('git@github.com:o/r.git', withSsh), policy({ 'github.com': ['140.82.112.3'] }));
    expect(route).toEqual({
      kind: 'ssh',
      sshCommand: 'ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o ConnectTimeout=30 -o HostName=140.82.112.3 -o HostKeyAlias=github.com',
    });
  });

  it('refuses an ssh host that resolves to a private address before connecting', async () => {
    const url = parseRepositoryUrl('ssh://git@git.internal.test/o/r.git', withSsh);
    await expect(remoteRouteFor(url, policy({ 'git.internal.test': ['10.0.0.7'] }))).rejects.toMatchObject({ code: 'ADDRESS_NOT_ALLOWED' });
    await expect(remoteRouteFor(url, policy({}))).rejects.toMatchObject({ code: 'HOST_NOT_FOUND' });
    expect(await remoteRouteFor(url, policy({ 'git.internal.test': ['10.0.0.7'] }, true))).toMatchObject({ kind: 'ssh' });
  });

  it('sends https through the connect proxy unless private addresses are allowed', async () => {
    const url = parseRepositoryUrl('https://github.com/o/r.git', withSsh);
    const guarded = await remoteRouteFor(url, { allowPrivateAddresses: false });
    expect(guarded).toMatchObject({ kind: 'https', proxyUrl: expect.stringMatching(/^http:\/\/repolens:[^@]+@127\.0\.0\.1:\d+$/) });
    // One proxy per process.
    expect(await remoteRouteFor(url, { allowPrivateAddresses: false })).toEqual(guarded);
    expect(await remoteRouteFor(url, { allowPrivateAddresses: true })).toEqual({ kind: 'https', proxyUrl: null });
  });

  it('gives local repositories the file transport only', async () => {
    expect(await remoteRouteFor(parseRepositoryUrl('/srv/repo', withSsh), { allowPrivateAddresses: false })).toEqual({ kind: 'local' });
  });
});

describe('sshCommandFor', () => {
  it('refuses anything a shell could read as more than a word', () => {
    expect(() => sshCommandFor('github.com;touch pwned', '140.82.112.3')).toThrow();
    expect(() => sshCommandFor('github.com', '$(id)')).toThrow();
  });
});

describe('cloning over ssh', () => {
  let temp: { dir: string; cleanup: () => Promise<void> };
  let previousPath: string | undefined;
  const record = (): string => path.join(temp.dir, 'ssh-arguments');

  beforeAll(async () => {
    temp = await createTempDir();
    // An `ssh` first on PATH that records its arguments and runs the remote command here, as sshd would.
    const bin = path.join(temp.dir, 'bin');
    await mkdir(bin);
    await writeFile(
      path.join(bin, 'ssh'),
      `#!/bin/sh\nprintf '%s\\n' "$@" > '${path.join(temp.dir, 'ssh-arguments')}'\nfor last; do :; done\nexec sh -c "$last"\n`,
    );
    await chmod(path.join(bin, 'ssh'), 0o755);
    previousPath = process.env['PATH'];
    process.env['PATH'] = `${bin}${path.delimiter}${previousPath ?? ''}`;
  });

  afterAll(async () => {
    process.env['PATH'] = previousPath;
    await temp.cleanup();
  });

  it('connects to the checked address with a command that never prompts', async () => {
    const origin = await createFixtureRepository(temp.dir, 'origin');
    await origin.commit('first', { 'hello.txt': 'over ssh\n' });
    const url = parseRepositoryUrl(`ssh://git@git.test${origin.dir}`, withSsh);
    const dir = path.join(temp.dir, 'clone');
    const result = await cloneRepository({ url, ref: null, token: null, dir, depth: 1, signal: new AbortController().signal, network: policy({ 'git.test': ['140.82.112.3'] }) });

    expect(result.ref).toBe('main');
    expect(await readdir(dir)).toContain('hello.txt');
    const args = (await readFile(record(), 'utf8')).split('\n');
    expect(args).toEqual(expect.arrayContaining(['BatchMode=yes', 'StrictHostKeyChecking=accept-new', 'HostName=140.82.112.3', 'HostKeyAlias=git.test', 'git@git.test']));
  });
});
