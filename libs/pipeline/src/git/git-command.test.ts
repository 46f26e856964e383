import { execFileSync } from 'node:child_process';
import { access, chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@repolens/contracts';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import type { NetworkPolicy } from '../network/network-policy.js';
import { cloneRepository } from './clone-repository.js';
import { authorizationHeader, createGit, streamGit } from './git-command.js';
import { MAX_RECORD_CHARS } from './record-splitter.js';
import { parseRepositoryUrl } from './repository-url.js';
import { resolveRemoteCommit } from './resolve-remote-commit.js';
import { createFixtureRepository, createTempDir } from './testing/fixture-repository.js';
import { createTestCertificate, startHttpsTestHost, trustCertificate, type HttpsTestHost } from './testing/https-test-host.js';

const signal = new AbortController().signal;
let temp: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  temp = await createTempDir();
});

afterAll(async () => {
  await temp.cleanup();
});

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** A HOME (and XDG_CONFIG_HOME) holding `files`, set for this process until the returned function runs. */
async function hostileHome(name: string, files: Readonly<Record<string, string>>): Promise<() => void> {
  const home = path.join(temp.dir, name);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(home, file)), { recursive: true });
    await writeFile(path.join(home, file), content);
  }
  const previous = { HOME: process.env['HOME'], XDG_CONFIG_HOME: process.env['XDG_CONFIG_HOME'] };
  process.env['HOME'] = home;
  process.env['XDG_CONFIG_HOME'] = path.join(home, '.config');
  return () => {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

describe('createGit', () => {
  it('runs no hook of the repository it works in', async () => {
    const repo = await createFixtureRepository(temp.dir, 'hooked');
    const first = await repo.commit('first', { 'a.txt': '1\n' });
    await repo.commit('second', { 'a.txt': '2\n' });
    const marker = path.join(temp.dir, 'post-checkout-ran');
    const hook = path.join(repo.dir, '.git', 'hooks', 'post-checkout');
    await writeFile(hook, `#!/bin/sh\ntouch '${marker}'\n`);
    await chmod(hook, 0o755);

    await createGit({ baseDir: repo.dir, kind: 'local', signal }).raw(['checkout', '--quiet', first]);
    expect(await readFile(path.join(repo.dir, 'a.txt'), 'utf8')).toBe('1\n');
    expect(await exists(marker)).toBe(false);

    // Plain git runs the hook: it is a working hook that the safe settings switched off.
    repo.git('checkout', '--quiet', 'main');
    expect(await exists(marker)).toBe(true);
  });
});

describe('streamGit', () => {
  it('cuts a record over the limit short instead of holding all of it', async () => {
    const repo = await createFixtureRepository(temp.dir, 'long-line');
    await writeFile(path.join(repo.dir, 'line'), `${'x'.repeat(1024 * 1024)}\nshort\n`);
    const blob = repo.git('hash-object', '-w', 'line');
    const records: string[] = [];
    await streamGit({ baseDir: repo.dir, kind: 'local', signal }, ['cat-file', 'blob', blob], {
      separator: '\n',
      onRecord(record) {
        records.push(record);
        return true;
      },
    });
    expect(records).toEqual(['x'.repeat(MAX_RECORD_CHARS), 'short']);
  });
});

describe("the service user's own git configuration", () => {
  it('is never read: a ~/.gitconfig that rewrites URLs changes neither a clone nor a lookup', async () => {
    const origin = await createFixtureRepository(temp.dir, 'asked-for');
    const asked = await origin.commit('real', { 'real.txt': 'the repository asked for\n' });
    const impostor = await createFixtureRepository(temp.dir, 'impostor');
    await impostor.commit('fake', { 'impostor.txt': 'another repository\n' });
    const rewrite = `[url "${impostor.url}"]\n\tinsteadOf = ${origin.url}\n`;
    const restore = await hostileHome('rewriting-home', { '.gitconfig': rewrite, '.config/git/config': rewrite });
    try {
      // The set-up is real: git run as the service user would be, with this HOME, reaches the impostor.
      const seen = execFileSync('git', ['ls-remote', origin.url, 'refs/heads/main'], { env: { PATH: process.env['PATH'], HOME: process.env['HOME'] }, encoding: 'utf8' });
      expect(seen).not.toContain(asked);

      const url = parseRepositoryUrl(origin.url, { allowLocal: true });
      const dir = path.join(temp.dir, 'clones', 'rewritten');
      const result = await cloneRepository({ url, ref: null, token: null, dir, depth: 1, signal });
      expect(result.commitSha).toBe(asked);
      expect((await readdir(dir)).sort()).toEqual(['.git', 'real.txt']);
      expect(await resolveRemoteCommit(url, 'main', null, signal)).toBe(asked);
    } finally {
      restore();
    }
  });
});

describe('access tokens over https', () => {
  let host: HttpsTestHost;
  let elsewhere: HttpsTestHost;
  let untrust: () => void;
  let network: NetworkPolicy;
  let origin = '';

  beforeAll(async () => {
    const certificate = await createTestCertificate(temp.dir, ['git.test', 'elsewhere.test']);
    // Another host, which `/moved/*` redirects to.
    elsewhere = await startHttpsTestHost(certificate, (_req, res) => res.writeHead(404).end());
    // A git host that wants credentials for `/private/*` and has nothing else, reached (as every https
    // remote is) through the connect proxy, which the test's resolver points at loopback.
    host = await startHttpsTestHost(certificate, (req, res) => {
      if (req.url?.startsWith('/private/') === true) res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' }).end();
      else if (req.url?.startsWith('/moved/') === true) res.writeHead(302, { location: `https://elsewhere.test:${elsewhere.port}${req.url}` }).end();
      else res.writeHead(404).end();
    });
    network = {
      allowPrivateAddresses: false,
      resolve: async () => ['127.0.0.1'],
      trustedEndpoints: [`git.test:${host.port}`, `elsewhere.test:${elsewhere.port}`],
    };
    origin = `https://git.test:${host.port}`;
    untrust = trustCertificate(certificate);
  });

  afterAll(async () => {
    untrust();
    await host.close();
    await elsewhere.close();
  });

  async function cloneError(url: string, token: string | null): Promise<AppError> {
    const parsed = parseRepositoryUrl(url, { allowLocal: false });
    const error = await cloneRepository({
      url: parsed,
      ref: null,
      token: token ?? parsed.embeddedToken,
      dir: path.join(temp.dir, 'clones', String(host.requests.length)),
      depth: 1,
      signal,
      network,
    }).then(
      () => null,
      (err: unknown) => err,
    );
    if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
    return error;
  }

  it('sends the token as a basic-auth header, never in the URL, and keeps it out of the error', async () => {
    host.requests.length = 0;
    const error = await cloneError(`https://x-access-token:tok-123@git.test:${host.port}/private/repo.git`, null);
    expect(error.code).toBe('REPOSITORY_AUTH_REQUIRED');
    const expected = `Basic ${Buffer.from('x-access-token:tok-123').toString('base64')}`;
    expect(host.requests.length).toBeGreaterThan(0);
    expect(host.requests.every((request) => request.authorization === expected)).toBe(true);
    expect(host.requests.every((request) => !request.url.includes('tok-123'))).toBe(true);
    expect(`${error.message} ${String(error.cause)}`).not.toContain('tok-123');
  });

  it('asks for no credentials when there is no token and says the repository needs one', async () => {
    host.requests.length = 0;
    const error = await cloneError(`${origin}/private/repo.git`, null);
    expect(error.code).toBe('REPOSITORY_AUTH_REQUIRED');
    expect(host.requests.map((request) => request.authorization)).toEqual([undefined]);
  });

  it("sends none of the service user's own credentials (~/.netrc, a header in ~/.gitconfig)", async () => {
    const restore = await hostileHome('credentials-home', {
      '.netrc': 'machine git.test login operator password operator-secret\n',
      '.gitconfig': '[http]\n\textraHeader = Authorization: Bearer operator-secret\n',
    });
    try {
      host.requests.length = 0;
      const error = await cloneError(`${origin}/private/repo.git`, null);
      expect(error.code).toBe('REPOSITORY_AUTH_REQUIRED');
      expect(host.requests.map((request) => request.authorization)).toEqual([undefined]);
    } finally {
      restore();
    }
  });

  it('follows no redirect when it sends a token, so the token reaches no other host', async () => {
    elsewhere.requests.length = 0;
    await cloneError(`${origin}/moved/repo.git`, 'tok-redirect');
    expect(elsewhere.requests).toEqual([]);
    // Without a token the first request may be redirected, as git does by default.
    await cloneError(`${origin}/moved/repo.git`, null);
    expect(elsewhere.requests.length).toBeGreaterThan(0);
  });

  it('maps a 404 from the host to REPOSITORY_NOT_FOUND', async () => {
    const error = await cloneError(`${origin}/public/missing.git`, null);
    expect(error.code).toBe('REPOSITORY_NOT_FOUND');
  });

  it('keeps a token out of the error and of what a logger writes of it', async () => {
    const token = 'ghp_tokenThatMustNotLeak';
    const error = await cloneError(`${origin}/private/repo.git`, token);
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = pino({}, sink);
    log.error({ err: error }, 'clone failed');
    const written = `${lines.join('')} ${error.message} ${String(error.cause)} ${error.stack ?? ''}`;
    expect(written).toContain('REPOSITORY_AUTH_REQUIRED');
    expect(written).not.toContain(token);
    expect(written).not.toContain(authorizationHeader(token).split(' ').pop());
  });
});
