import { AppError } from '@repolens/contracts';
import { resolveAllowedAddresses, type NetworkPolicy } from '../network/network-policy.js';
import { egressProxyFor } from '../network/shared-proxy.js';
import type { ParsedRepositoryUrl } from './repository-url.js';

/**
 * How git may reach one repository; git calls without a route get no transport at all.
 * - `https`: through the connect proxy that checks each address (`proxyUrl`), or directly when private
 *   addresses are allowed (null).
 * - `ssh`: with an ssh command pinned to the address checked here (see `sshCommandFor`).
 * - `local`: the file transport only.
 */
export type RemoteRoute =
  | { readonly kind: 'https'; readonly proxyUrl: string | null }
  | { readonly kind: 'ssh'; readonly sshCommand: string }
  | { readonly kind: 'local' };

const DEFAULT_SSH_PORT = 22;

/** Prepares the route to `url` under `policy`; throws ADDRESS_NOT_ALLOWED or HOST_NOT_FOUND for an ssh host. */
export async function remoteRouteFor(url: ParsedRepositoryUrl, policy: NetworkPolicy): Promise<RemoteRoute> {
  if (url.kind === 'local') return { kind: 'local' };
  if (url.kind === 'https') {
    if (policy.allowPrivateAddresses) return { kind: 'https', proxyUrl: null };
    return { kind: 'https', proxyUrl: (await egressProxyFor(policy)).url };
  }
  if (url.host === null) throw new AppError('INVALID_REPOSITORY_URL', 'The ssh address has no host.');
  const host = url.host.startsWith('[') ? url.host.slice(1, -1) : url.host;
  const addresses = await resolveAllowedAddresses(host, sshPortOf(url.cloneUrl), policy);
  // ssh gets one address; IPv4 first, since a host without IPv6 is more common than one without IPv4.
  const address = addresses.find((candidate) => !candidate.includes(':')) ?? addresses[0] ?? host;
  return { kind: 'ssh', sshCommand: sshCommandFor(host, address) };
}

/**
 * ssh cannot go through the CONNECT proxy (it is not proxied), so the host is resolved and checked here
 * and ssh is told to connect to that address (`HostName`) while checking the host key under the name
 * (`HostKeyAlias`): a DNS answer that changes after the check is never used. `BatchMode` fails instead of
 * prompting for a password or passphrase; `accept-new` trusts a first-seen host key (there is nobody to
 * ask) but refuses a changed one, kept in the service user's known_hosts.
 *
 * The server's own identity is never offered: ssh reads the user's ~/.ssh from the password database,
 * whatever HOME says, so `-F /dev/null` skips its config (and the system's), `IdentityFile=none` with
 * `IdentitiesOnly` its keys, and `IdentityAgent=none` any agent (SSH_AUTH_SOCK is not passed on either).
 * So only hosts that let a client in without a key serve clones over ssh (many, GitHub among them, do
 * not); a deployment that wants a deploy key has to add one here on purpose.
 */
export function sshCommandFor(host: string, address: string): string {
  // Both values were validated (host name characters, an IP address), so they need no shell quoting; the
  // check below keeps it that way.
  for (const value of [host, address]) {
    if (!/^[a-z0-9.:_-]+$/i.test(value)) throw new AppError('INVALID_REPOSITORY_URL', 'The ssh host name is not valid.');
  }
  return [
    'ssh',
    '-F /dev/null',
    '-o IdentitiesOnly=yes',
    '-o IdentityFile=none',
    '-o IdentityAgent=none',
    '-o BatchMode=yes',
    '-o StrictHostKeyChecking=accept-new',
    '-o ConnectTimeout=30',
    `-o HostName=${address}`,
    `-o HostKeyAlias=${host}`,
  ].join(' ');
}

function sshPortOf(cloneUrl: string): number {
  if (!cloneUrl.startsWith('ssh://')) return DEFAULT_SSH_PORT;
  const port = new URL(cloneUrl).port;
  return port === '' ? DEFAULT_SSH_PORT : Number(port);
}
