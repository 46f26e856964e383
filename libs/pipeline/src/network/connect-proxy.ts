import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { isAppError } from '@repolens/contracts';
import { resolveAllowedAddresses, type NetworkPolicy } from './network-policy.js';

/** The in-process proxy every https git call goes through; see `startConnectProxy`. */
export interface ConnectProxy {
  /** `http://user:secret@127.0.0.1:PORT`, for git's `http.proxy`. */
  readonly url: string;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 30_000;
const PROXY_USER = 'repolens';

// The status a refused CONNECT gets; git reports it as "CONNECT tunnel failed, response <status>", which
// git-errors.ts maps back to a code.
export const PROXY_STATUS = { refused: 403, hostNotFound: 404, unreachable: 502, timeout: 504 } as const;

/**
 * An HTTP CONNECT proxy on 127.0.0.1 that checks every address git would reach. Git (curl) resolves names
 * itself, so checking a URL's host beforehand cannot stop DNS rebinding; behind this proxy, git never
 * resolves the repository host: the proxy resolves it, refuses it when any address is not public (unless
 * the policy allows private ones), and connects to the very address it checked. Redirects are covered
 * too, since curl tunnels to each redirect target through the same proxy.
 * A per-proxy password keeps other local processes from borrowing it.
 */
export async function startConnectProxy(policy: NetworkPolicy): Promise<ConnectProxy> {
  const secret = randomBytes(18).toString('base64url');
  const expectedAuthorization = `Basic ${Buffer.from(`${PROXY_USER}:${secret}`).toString('base64')}`;
  const sockets = new Set<Duplex>();

  const server = createServer((_req, res) => {
    // Only tunnels: plain http requests would let a redirect reach http:// hosts.
    res.writeHead(405, { allow: 'CONNECT', connection: 'close' }).end();
  });
  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (req.headers['proxy-authorization'] !== expectedAuthorization) {
      reply(client, 407, 'Proxy Authentication Required');
      return;
    }
    void tunnel(req.url ?? '', client, head, policy, sockets);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A proxy nobody is using must not keep the process alive.
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${PROXY_USER}:${secret}@127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function tunnel(target: string, client: Duplex, head: Buffer, policy: NetworkPolicy, sockets: Set<Duplex>): Promise<void> {
  const parsed = parseTarget(target);
  if (parsed === null) {
    reply(client, 400, 'Bad Request');
    return;
  }
  let addresses: readonly string[];
  try {
    addresses = await resolveAllowedAddresses(parsed.host, parsed.port, policy);
  } catch (err) {
    const refused = isAppError(err) && err.code === 'ADDRESS_NOT_ALLOWED';
    reply(client, refused ? PROXY_STATUS.refused : PROXY_STATUS.hostNotFound, refused ? 'Forbidden' : 'Not Found');
    return;
  }
  // Only the addresses just checked, in turn (an IPv6 answer on a host without IPv6 falls back to IPv4).
  let upstream: Socket | null = null;
  let failure: number = PROXY_STATUS.unreachable;
  for (const address of addresses) {
    if (client.destroyed) return;
    const attempt = await connectTo(address, parsed.port);
    if (typeof attempt !== 'number') {
      upstream = attempt;
      break;
    }
    failure = attempt;
  }
  if (upstream === null) {
    reply(client, failure, failure === PROXY_STATUS.timeout ? 'Gateway Timeout' : 'Bad Gateway');
    return;
  }
  const socket = upstream;
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  socket.on('error', () => client.destroy());
  client.on('close', () => socket.destroy());
  socket.on('close', () => client.destroy());
  if (client.destroyed) {
    socket.destroy();
    return;
  }
  client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
  if (head.length > 0) socket.write(head);
  socket.pipe(client);
  client.pipe(socket);
}

/** A connected socket, or the status to answer when the address cannot be reached. */
function connectTo(address: string, port: number): Promise<Socket | number> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => {
      socket.destroy();
      resolve(PROXY_STATUS.timeout);
    });
    socket.once('error', () => resolve(PROXY_STATUS.unreachable));
    socket.once('connect', () => {
      // Idle tunnels are fine (git may wait on a slow server); only the connect had a deadline.
      socket.setTimeout(0);
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}

/** `host:port` or `[v6]:port`, as CONNECT names its target. */
function parseTarget(target: string): { host: string; port: number } | null {
  const match = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9_.-]+)):(\d{1,5})$/i.exec(target);
  if (match === null) return null;
  const host = (match[1] ?? match[2] ?? '').toLowerCase();
  const port = Number(match[3]);
  if (host === '' || port < 1 || port > 65_535) return null;
  return { host, port };
}

function reply(client: Duplex, status: number, reason: string): void {
  if (client.destroyed) return;
  client.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
}
