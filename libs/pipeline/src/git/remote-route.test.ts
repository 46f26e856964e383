import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@repolens/contracts';
import type { NetworkPolicy } from '../network/network-policy.js';
import { cloneRepository } from './clone-repository.js';
import { remoteRouteFor, sshCommandFor } from './remote-route.js';
import { parseRepositoryUrl } from './repository-url.js';
import { resolveRemoteCommit } from './resolve-remote-commit.js';
import { createFixtureRepository, createTempDir } from './testing/fixture-repository.js';

// The system's OpenSSH, found before any test puts a stand-in first on PATH.
const systemSsh = ((): string | null => {
  try {
    return execFileSync('sh', ['-c', 'command -v ssh'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
})();

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
      sshCommand:
        'ssh -F /dev/null -o IdentitiesOnly=yes -o IdentityFile=none -o IdentityAgent=none -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o ConnectTimeout=30 -o HostName=140.82.112.3 -o HostKeyAlias=github.com',
    });
  });

  it.skipIf(systemSsh === null)('offers OpenSSH no identity: no config file, no key, no agent', () => {
    // The command is words separated by single spaces (see sshCommandFor); `-G` prints the configuration
    // ssh would use, without connecting.
    const [, ...options] = sshCommandFor('github.com', '140.82.112.3').split(' ');
    const printed = spawnSync(systemSsh ?? 'ssh', [...options, '-G', 'git@github.com'], { encoding: 'utf8' });
    expect(printed.status, printed.stderr).toBe(0);
    const settings = printed.stdout.split('\n');
    expect(settings).toEqual(expect.arrayContaining(['identitiesonly yes', 'identityfile none', 'identityagent none', 'hostname 140.82.112.3']));
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
    // With a `flood` file beside it, it plays a server that writes without end and then hangs up.
    await writeFile(
      path.join(bin, 'ssh'),
      [
        '#!/bin/sh',
        `printf '%s\\n' "$@" > '${path.join(temp.dir, 'ssh-arguments')}'`,
        `env > '${path.join(temp.dir, 'ssh-environment')}'`,
        `if [ -e '${path.join(temp.dir, 'flood')}' ]; then yes 'remote: more and more' | head -n 200000 >&2; exit 255; fi`,
        'for last; do :; done',
        'exec sh -c "$last"',
        '',
      ].join('\n'),
    );
    await chmod(path.join(bin, 'ssh'), 0o755);
    previousPath = process.env['PATH'];
    process.env['PATH'] = `${bin}${path.delimiter}${previousPath ?? ''}`;
  });

  afterAll(async () => {
    process.env['PATH'] = previousPath;
    await temp.cleanup();
  });

  it('connects to the checked address with a command that never prompts and offers no identity of this server', async () => {
    const origin = await createFixtureRepository(temp.dir, 'origin');
    await origin.commit('first', { 'hello.txt': 'over ssh\n' });
    const url = parseRepositoryUrl(`ssh://git@git.test${origin.dir}`, withSsh);
    const dir = path.join(temp.dir, 'clone');
    const previousAgent = process.env['SSH_AUTH_SOCK'];
    process.env['SSH_AUTH_SOCK'] = path.join(temp.dir, 'agent.sock');
    try {
      const result = await cloneRepository({ url, ref: null, token: null, dir, depth: 1, signal: new AbortController().signal, network: policy({ 'git.test': ['140.82.112.3'] }) });
      expect(result.ref).toBe('main');
    } finally {
      if (previousAgent === undefined) delete process.env['SSH_AUTH_SOCK'];
      else process.env['SSH_AUTH_SOCK'] = previousAgent;
    }

    expect(await readdir(dir)).toContain('hello.txt');
    const args = (await readFile(record(), 'utf8')).split('\n');
    expect(args).toEqual(expect.arrayContaining(['BatchMode=yes', 'StrictHostKeyChecking=accept-new', 'HostName=140.82.112.3', 'HostKeyAlias=git.test', 'git@git.test']));
    expect(args.join(' ')).toContain('-F /dev/null -o IdentitiesOnly=yes -o IdentityFile=none -o IdentityAgent=none');
    expect(await readFile(path.join(temp.dir, 'ssh-environment'), 'utf8')).not.toMatch(/^SSH_AUTH_SOCK=/m);
  });

  it('keeps a bounded part of what a server writes without end, with the line that says what failed', async () => {
    const origin = await createFixtureRepository(temp.dir, 'flooding');
    const commit = await origin.commit('first', { 'a.txt': 'a\n' });
    const url = parseRepositoryUrl(`ssh://git@git.test${origin.dir}`, withSsh);
    const network = policy({ 'git.test': ['140.82.112.3'] });
    const signal = new AbortController().signal;
    await writeFile(path.join(temp.dir, 'flood'), '');
    try {
      // A clone, a fetch of a commit and a lookup of a ref each run their own git against the server.
      const calls = [
        () => cloneRepository({ url, ref: null, token: null, dir: path.join(temp.dir, 'flooded-clone'), depth: 1, signal, network }),
        () => cloneRepository({ url, ref: commit, token: null, dir: path.join(temp.dir, 'flooded-fetch'), depth: 1, signal, network }),
        () => resolveRemoteCommit(url, 'main', null, signal, { network }),
      ];
      for (const call of calls) {
        const error = await call().then(
          () => null,
          (err: unknown) => err,
        );
        expect(error).toBeInstanceOf(AppError);
        const kept = String((error as AppError).cause);
        expect(kept.length).toBeLessThan(20_000);
        expect(kept).toContain('fatal: Could not read from remote repository');
        expect((error as AppError).message).toContain('Could not read from remote repository');
      }
    } finally {
      await rm(path.join(temp.dir, 'flood'));
    }
  });
});
