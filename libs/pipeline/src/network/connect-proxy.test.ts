import { once } from 'node:events';
import { request } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectProxy, type ConnectProxy } from './connect-proxy.js';
import type { HostResolver } from './host-resolver.js';
import type { NetworkPolicy } from './network-policy.js';

// A TCP echo server on loopback stands in for a git host.
let echo: Server;
let echoPort = 0;
const echoConnections: Socket[] = [];

beforeAll(async () => {
  echo = createServer((socket) => {
    echoConnections.push(socket);
    socket.pipe(socket);
  });
  echo.listen(0, '127.0.0.1');
  await once(echo, 'listening');
  echoPort = (echo.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const socket of echoConnections) socket.destroy();
  await new Promise<void>((resolve) => echo.close(() => resolve()));
});

interface ConnectOutcome {
  readonly status: number;
  /** What came back through the tunnel after sending `ping`; null when no tunnel was opened. */
  readonly echoed: string | null;
}

/** Asks the proxy for a tunnel the way curl does, and sends `ping` through it when it opens. */
async function connectThrough(proxy: ConnectProxy, target: string, authorization: string | null = credentialsOf(proxy)): Promise<ConnectOutcome> {
  const proxyUrl = new URL(proxy.url);
  const req = request({
    host: proxyUrl.hostname,
    port: Number(proxyUrl.port),
    method: 'CONNECT',
    path: target,
    headers: authorization === null ? {} : { 'proxy-authorization': authorization },
  });
  req.end();
  const [response, socket] = (await once(req, 'connect')) as [{ statusCode: number }, Socket];
  if (response.statusCode !== 200) {
    socket.destroy();
    return { status: response.statusCode, echoed: null };
  }
  socket.write('ping');
  const [data] = (await once(socket, 'data')) as [Buffer];
  socket.destroy();
  return { status: 200, echoed: data.toString() };
}

function credentialsOf(proxy: ConnectProxy): string {
  const url = new URL(proxy.url);
  return `Basic ${Buffer.from(`${url.username}:${url.password}`).toString('base64')}`;
}

/** A resolver that answers from a table and counts its calls, like DNS the test controls. */
function tableResolver(table: Record<string, readonly string[]>): HostResolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string): Promise<readonly string[]> => {
    calls.push(hostname);
    const answer = table[hostname];
    if (answer === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answer;
  };
  return Object.assign(resolve, { calls });
}

async function withProxy(policy: NetworkPolicy, use: (proxy: ConnectProxy) => Promise<void>): Promise<void> {
  const proxy = await startConnectProxy(policy);
  try {
    await use(proxy);
  } finally {
    await proxy.close();
  }
}

describe('connect proxy', () => {
  it('tunnels to a trusted endpoint, connecting to the address it resolved once', async () => {
    // DNS that would answer differently the second time (a rebinding attack): the proxy asks only once.
    const answers = [['127.0.0.1'], ['10.9.9.9']];
    const calls: string[] = [];
    const resolve: HostResolver = async (hostname) => {
      calls.push(hostname);
      return answers[calls.length - 1] ?? [];
    };
    await withProxy({ allowPrivateAddresses: false, resolve, trustedEndpoints: [`git.test:${echoPort}`] }, async (proxy) => {
      expect(await connectThrough(proxy, `git.test:${echoPort}`)).toEqual({ status: 200, echoed: 'ping' });
      expect(calls).toEqual(['git.test']);
    });
  });

  it('tries the checked addresses in turn when the first cannot be reached', async () => {
    // Nothing listens on the IPv6 loopback at that port: the tunnel falls back to the next checked address.
    const resolve = tableResolver({ 'dual.test': ['::1', '127.0.0.1'] });
    await withProxy({ allowPrivateAddresses: false, resolve, trustedEndpoints: [`dual.test:${echoPort}`] }, async (proxy) => {
      expect(await connectThrough(proxy, `dual.test:${echoPort}`)).toEqual({ status: 200, echoed: 'ping' });
    });
  });

  it.each([
    ['a loopback address', '127.0.0.1'],
    ['the IPv6 loopback', '[::1]'],
    ['the cloud metadata address', '169.254.169.254'],
    ['an IPv4-mapped loopback', '[::ffff:127.0.0.1]'],
    ['a private address', '10.0.0.1'],
  ])('refuses %s with 403 and connects nowhere', async (_label, host) => {
    const before = echoConnections.length;
    await withProxy({ allowPrivateAddresses: false }, async (proxy) => {
      expect(await connectThrough(proxy, `${host}:${echoPort}`)).toEqual({ status: 403, echoed: null });
    });
    expect(echoConnections.length).toBe(before);
  });

  it('refuses a name that resolves to a private address, and one with any private address among public ones', async () => {
    const resolve = tableResolver({ 'internal.test': ['10.1.2.3'], 'mixed.test': ['93.184.216.34', '127.0.0.1'], 'metadata.test': ['169.254.169.254'] });
    await withProxy({ allowPrivateAddresses: false, resolve }, async (proxy) => {
      for (const host of ['internal.test', 'mixed.test', 'metadata.test']) {
        expect(await connectThrough(proxy, `${host}:443`)).toEqual({ status: 403, echoed: null });
      }
      expect(resolve.calls).toEqual(['internal.test', 'mixed.test', 'metadata.test']);
    });
  });

  it('refuses localhost names without asking DNS', async () => {
    const resolve = tableResolver({ 'db.localhost': ['127.0.0.1'] });
    await withProxy({ allowPrivateAddresses: false, resolve }, async (proxy) => {
      expect(await connectThrough(proxy, `db.localhost:${echoPort}`)).toEqual({ status: 403, echoed: null });
    });
  });

  it('answers 404 for a name that does not resolve', async () => {
    await withProxy({ allowPrivateAddresses: false, resolve: tableResolver({}) }, async (proxy) => {
      expect(await connectThrough(proxy, 'nowhere.test:443')).toEqual({ status: 404, echoed: null });
    });
  });

  it('lets private addresses through only when the policy allows them', async () => {
    await withProxy({ allowPrivateAddresses: true }, async (proxy) => {
      expect(await connectThrough(proxy, `127.0.0.1:${echoPort}`)).toEqual({ status: 200, echoed: 'ping' });
    });
  });

  it('serves nobody without its password, and no plain requests', async () => {
    await withProxy({ allowPrivateAddresses: true }, async (proxy) => {
      expect((await connectThrough(proxy, `127.0.0.1:${echoPort}`, null)).status).toBe(407);
      expect((await connectThrough(proxy, `127.0.0.1:${echoPort}`, 'Basic d3Jvbmc6d3Jvbmc=')).status).toBe(407);
      const proxyUrl = new URL(proxy.url);
      const plain = await fetch(`http://127.0.0.1:${proxyUrl.port}/http://169.254.169.254/latest`);
      expect(plain.status).toBe(405);
    });
  });

  it('refuses malformed targets', async () => {
    await withProxy({ allowPrivateAddresses: true }, async (proxy) => {
      for (const target of ['no-port', 'host:0', 'host:99999', 'a%20b:443', 'user@host:443']) {
        expect((await connectThrough(proxy, target)).status).toBe(400);
      }
    });
  });
});
