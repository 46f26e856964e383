import { randomBytes } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@repolens/contracts';
import type { NetworkPolicy } from '../network/network-policy.js';
import { cloneRepository } from './clone-repository.js';
import { parseRepositoryUrl } from './repository-url.js';
import { resolveRemoteCommit } from './resolve-remote-commit.js';
import { createFixtureRepository, createTempDir } from './testing/fixture-repository.js';
import { createTestCertificate, gitHttpBackend, startHttpsTestHost, trustCertificate, type HttpsTestHost } from './testing/https-test-host.js';

// Every https git call goes through the connect proxy, which checks the address at connect time. The
// test's resolver plays DNS: `git.test` is an allowed host (trusted, though it runs on loopback), the
// other names resolve to addresses no repository URL may reach.
const signal = new AbortController().signal;
let temp: { dir: string; cleanup: () => Promise<void> };
let allowed: HttpsTestHost;
let internal: HttpsTestHost;
let served: HttpsTestHost;
let untrust: () => void;
let network: NetworkPolicy;
let redirectTo = '';

beforeAll(async () => {
  temp = await createTempDir();
  const certificate = await createTestCertificate(temp.dir, ['git.test', 'internal.test', 'rebind.test']);
  // The internal service a redirect tries to reach; it must never see a request.
  internal = await startHttpsTestHost(certificate, (_req, res) => res.writeHead(200).end('secret'));
  allowed = await startHttpsTestHost(certificate, (req, res) => {
    res.writeHead(302, { location: `${redirectTo}${req.url ?? '/'}` }).end();
  });
  // A real git host (smart http) on the allowed name, serving one repository with a big file.
  const repo = await createFixtureRepository(path.join(temp.dir, 'served'), 'project.git');
  await repo.commit('first', { 'README.md': '# Served\n', 'big.bin': randomBytes(300_000) });
  served = await startHttpsTestHost(certificate, gitHttpBackend(path.join(temp.dir, 'served')));
  network = {
    allowPrivateAddresses: false,
    resolve: async (hostname) => {
      if (hostname === 'git.test') return ['127.0.0.1'];
      if (hostname === 'internal.test') return ['10.20.30.40'];
      if (hostname === 'metadata.test') return ['169.254.169.254'];
      // A name with a public answer and a loopback one: either may be used, so it is refused.
      if (hostname === 'rebind.test') return ['93.184.216.34', '127.0.0.1'];
      throw new Error(`getaddrinfo ENOTFOUND ${hostname}`);
    },
    trustedEndpoints: [`git.test:${allowed.port}`, `git.test:${served.port}`],
  };
  untrust = trustCertificate(certificate);
});

afterAll(async () => {
  untrust();
  await allowed.close();
  await internal.close();
  await served.close();
  await temp.cleanup();
});

let clones = 0;
async function cloneError(url: string): Promise<AppError> {
  clones += 1;
  const error = await cloneRepository({
    url: parseRepositoryUrl(url, { allowLocal: false }),
    ref: null,
    token: null,
    dir: path.join(temp.dir, 'clones', String(clones)),
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

describe('where git may connect', () => {
  it('clones from an allowed host through the proxy, whole or without its big files', async () => {
    const url = parseRepositoryUrl(`https://git.test:${served.port}/project.git`, { allowLocal: false });
    const dir = path.join(temp.dir, 'clones', 'served-full');
    const full = await cloneRepository({ url, ref: null, token: null, dir, depth: 1, signal, network });
    expect(full.ref).toBe('main');
    expect((await readdir(dir)).sort()).toEqual(['.git', 'README.md', 'big.bin']);

    const partialDir = path.join(temp.dir, 'clones', 'served-partial');
    const partial = await cloneRepository({ url, ref: null, token: null, dir: partialDir, depth: 1, signal, network, partial: { blobLimitBytes: 1000 } });
    expect(partial.leftOut.largeFiles).toEqual(['big.bin']);
    expect((await readdir(partialDir)).sort()).toEqual(['.git', 'README.md']);
    expect(await resolveRemoteCommit(url, 'main', null, signal, { network })).toBe(full.commitSha);
  });

  it.each([
    ['a private address', 'internal.test'],
    ['the cloud metadata address', 'metadata.test'],
    ['a public and a loopback address', 'rebind.test'],
  ])('refuses a host name that resolves to %s when git connects', async (_label, hostname) => {
    // The name passes the URL check; only the address the proxy resolves gives it away.
    expect(() => parseRepositoryUrl(`https://${hostname}/o/r.git`, { allowLocal: false })).not.toThrow();
    const error = await cloneError(`https://${hostname}/o/r.git`);
    expect(error.code).toBe('ADDRESS_NOT_ALLOWED');
  });

  it('refuses a redirect from an allowed host to a loopback address, which never sees a request', async () => {
    redirectTo = `https://127.0.0.1:${internal.port}`;
    allowed.requests.length = 0;
    const error = await cloneError(`https://git.test:${allowed.port}/o/r.git`);
    expect(error.code).toBe('ADDRESS_NOT_ALLOWED');
    expect(allowed.requests.length).toBeGreaterThan(0);
    expect(internal.requests).toEqual([]);
  });

  it('refuses a redirect to a name that resolves to a private address', async () => {
    redirectTo = `https://internal.test:${internal.port}`;
    const error = await cloneError(`https://git.test:${allowed.port}/o/r.git`);
    expect(error.code).toBe('ADDRESS_NOT_ALLOWED');
    expect(internal.requests).toEqual([]);
  });

  it("keeps the connect proxy whatever the service user's ~/.gitconfig says", async () => {
    // A proxy setting for the one host is more specific than ours and would win; here it points at a
    // listener that counts who connects.
    let connections = 0;
    const bypass = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => bypass.listen(0, '127.0.0.1', resolve));
    const home = path.join(temp.dir, 'proxying-home');
    await mkdir(home, { recursive: true });
    await writeFile(path.join(home, '.gitconfig'), `[http "https://internal.test/"]\n\tproxy = http://127.0.0.1:${(bypass.address() as AddressInfo).port}\n`);
    const previousHome = process.env['HOME'];
    process.env['HOME'] = home;
    try {
      expect((await cloneError('https://internal.test/o/r.git')).code).toBe('ADDRESS_NOT_ALLOWED');
      expect(connections).toBe(0);
    } finally {
      process.env['HOME'] = previousHome;
      await new Promise((resolve) => bypass.close(resolve));
    }
  });

  it('checks the lookup of a remote commit (ls-remote) the same way', async () => {
    const url = parseRepositoryUrl('https://internal.test/o/r.git', { allowLocal: false });
    await expect(resolveRemoteCommit(url, 'main', null, signal, { network })).rejects.toMatchObject({ code: 'ADDRESS_NOT_ALLOWED' });
  });

  it('says a host that does not resolve was not found', async () => {
    expect((await cloneError('https://nowhere.test/o/r.git')).code).toBe('HOST_NOT_FOUND');
  });

  it('refuses private addresses written into the URL before any network use', () => {
    for (const url of ['https://127.0.0.1/x.git', 'https://[::1]/x.git', 'https://169.254.169.254/latest', 'https://2130706433/x', 'https://0x7f.1/x', 'https://localhost/x', 'https://10.0.0.1/x']) {
      expect(() => parseRepositoryUrl(url, { allowLocal: false }), url).toThrow(expect.objectContaining({ code: 'ADDRESS_NOT_ALLOWED' }));
    }
  });
});
