import { access, chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@repolens/contracts';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import type { NetworkPolicy } from '../network/network-policy.js';
import { cloneRepository } from './clone-repository.js';
import { authorizationHeader, createGit } from './git-command.js';
import { parseRepositoryUrl } from './repository-url.js';
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

describe('access tokens over https', () => {
  let host: HttpsTestHost;
  let untrust: () => void;
  let network: NetworkPolicy;
  let origin = '';

  beforeAll(async () => {
    const certificate = await createTestCertificate(temp.dir, ['git.test']);
    // A git host that wants credentials for `/private/*` and has nothing else, reached (as every https
    // remote is) through the connect proxy, which the test's resolver points at loopback.
    host = await startHttpsTestHost(certificate, (req, res) => {
      if (req.url?.startsWith('/private/') === true) res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' }).end();
      else res.writeHead(404).end();
    });
    network = { allowPrivateAddresses: false, resolve: async () => ['127.0.0.1'], trustedEndpoints: [`git.test:${host.port}`] };
    origin = `https://git.test:${host.port}`;
    untrust = trustCertificate(certificate);
  });

  afterAll(async () => {
    untrust();
    await host.close();
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
