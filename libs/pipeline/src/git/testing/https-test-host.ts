import { execFileSync, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** A self-signed certificate for the names and 127.0.0.1, written to `dir`; git trusts it through GIT_SSL_CAINFO. */
export interface TestCertificate {
  readonly certFile: string;
  readonly key: Buffer;
  readonly cert: Buffer;
}

export async function createTestCertificate(dir: string, names: readonly string[]): Promise<TestCertificate> {
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  const altNames = [...names.map((name) => `DNS:${name}`), 'IP:127.0.0.1'].join(',');
  // prettier-ignore
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${names[0] ?? '127.0.0.1'}`,
    '-addext', `subjectAltName=${altNames}`, '-keyout', keyFile, '-out', certFile,
  ], { stdio: 'ignore' });
  return { certFile, key: await readFile(keyFile), cert: await readFile(certFile) };
}

/** For tests: an https server on a random loopback port that records what it was asked. */
export interface HttpsTestHost {
  readonly port: number;
  readonly requests: Array<{ url: string; host: string | undefined; authorization: string | undefined }>;
  close(): Promise<void>;
}

export async function startHttpsTestHost(
  certificate: TestCertificate,
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<HttpsTestHost> {
  const requests: HttpsTestHost['requests'] = [];
  const server: Server = createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    requests.push({ url: req.url ?? '', host: req.headers.host, authorization: req.headers.authorization });
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Points git (through the inherited GIT_SSL_CAINFO) at the certificate; returns the function that undoes it. */
export function trustCertificate(certificate: TestCertificate): () => void {
  const previous = process.env['GIT_SSL_CAINFO'];
  process.env['GIT_SSL_CAINFO'] = certificate.certFile;
  return () => {
    if (previous === undefined) delete process.env['GIT_SSL_CAINFO'];
    else process.env['GIT_SSL_CAINFO'] = previous;
  };
}

/**
 * A request handler serving the repositories under `projectRoot` over smart http with `git http-backend`
 * (CGI), so tests can clone over https for real.
 */
export function gitHttpBackend(projectRoot: string): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'https://test.invalid');
    const child = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env['PATH'],
        GIT_PROJECT_ROOT: projectRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        // Partial clones over https need the server to accept filters.
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'uploadpack.allowFilter',
        GIT_CONFIG_VALUE_0: 'true',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
        HTTP_CONTENT_ENCODING: String(req.headers['content-encoding'] ?? ''),
        REMOTE_ADDR: '127.0.0.1',
      },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    req.pipe(child.stdin);
    let buffered = Buffer.alloc(0);
    let headersSent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersSent) {
        res.write(chunk);
        return;
      }
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1) return;
      let status = 200;
      for (const line of buffered.subarray(0, end).toString('latin1').split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
        else res.setHeader(name, value);
      }
      res.writeHead(status);
      headersSent = true;
      res.write(buffered.subarray(end + 4));
    });
    child.on('close', () => res.end());
  };
}
