import { execFileSync } from 'node:child_process';
import { access, chmod, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@repolens/contracts';
import { cloneRepository } from './clone-repository.js';
import { createGit } from './git-command.js';
import { parseRepositoryUrl } from './repository-url.js';
import { createFixtureRepository, createTempDir } from './testing/fixture-repository.js';

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
  const seen: Array<{ url: string; authorization: string | undefined }> = [];
  let server: Server;
  let origin = '';
  let previousCaInfo: string | undefined;

  beforeAll(async () => {
    const key = path.join(temp.dir, 'key.pem');
    const cert = path.join(temp.dir, 'cert.pem');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert,
    ], { stdio: 'ignore' });
    // A git host that wants credentials for `/private/*` and has nothing else.
    server = createServer({ key: await readFile(key), cert: await readFile(cert) }, (req, res) => {
      seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
      if (req.url?.startsWith('/private/') === true) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' }).end();
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    previousCaInfo = process.env['GIT_SSL_CAINFO'];
    process.env['GIT_SSL_CAINFO'] = cert;
  });

  afterAll(async () => {
    if (previousCaInfo === undefined) delete process.env['GIT_SSL_CAINFO'];
    else process.env['GIT_SSL_CAINFO'] = previousCaInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function cloneError(url: string, token: string | null): Promise<AppError> {
    const parsed = parseRepositoryUrl(url, { allowLocal: false });
    const error = await cloneRepository({
      url: parsed,
      ref: null,
      token: token ?? parsed.embeddedToken,
      dir: path.join(temp.dir, 'clones', String(seen.length)),
      depth: 1,
      signal,
    }).then(
      () => null,
      (err: unknown) => err,
    );
    if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
    return error;
  }

  it('sends the token as a basic-auth header, never in the URL, and keeps it out of the error', async () => {
    seen.length = 0;
    const error = await cloneError(`https://x-access-token:tok-123@${origin.slice('https://'.length)}/private/repo.git`, null);
    expect(error.code).toBe('REPOSITORY_AUTH_REQUIRED');
    const expected = `Basic ${Buffer.from('x-access-token:tok-123').toString('base64')}`;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((request) => request.authorization === expected)).toBe(true);
    expect(seen.every((request) => !request.url.includes('tok-123'))).toBe(true);
    expect(`${error.message} ${String(error.cause)}`).not.toContain('tok-123');
  });

  it('asks for no credentials when there is no token and says the repository needs one', async () => {
    seen.length = 0;
    const error = await cloneError(`${origin}/private/repo.git`, null);
    expect(error.code).toBe('REPOSITORY_AUTH_REQUIRED');
    expect(seen.map((request) => request.authorization)).toEqual([undefined]);
  });

  it('maps a 404 from the host to REPOSITORY_NOT_FOUND', async () => {
    const error = await cloneError(`${origin}/public/missing.git`, null);
    expect(error.code).toBe('REPOSITORY_NOT_FOUND');
  });
});
