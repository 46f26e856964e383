import { AppError } from '@repolens/contracts';
import { isLocalhostName, isPublicAddress, literalAddressOf } from './address-policy.js';
import { systemResolver, type HostResolver } from './host-resolver.js';

/** Where git may connect; the pipeline's `settings.network` is one. */
export interface NetworkPolicy {
  /** Let repositories live on loopback, private, link-local and cloud-metadata addresses. */
  readonly allowPrivateAddresses: boolean;
  /** Defaults to the system resolver; tests inject one. */
  readonly resolve?: HostResolver;
  /**
   * `host:port` endpoints reachable whatever they resolve to, for tests that run a git host on loopback.
   * Never set from configuration.
   */
  readonly trustedEndpoints?: readonly string[];
}

export const DEFAULT_NETWORK_POLICY: NetworkPolicy = { allowPrivateAddresses: false };

/**
 * Refuses, before anything is resolved, a host that names a forbidden address outright: a literal IP
 * (after `new URL` normalised `2130706433`, `0x7f.1` or `0177.0.0.1` to `127.0.0.1`) or `localhost`.
 */
export function assertHostNameAllowed(hostname: string, policy: NetworkPolicy): void {
  if (policy.allowPrivateAddresses) return;
  const literal = literalAddressOf(hostname);
  if (literal !== null && !isPublicAddress(literal)) {
    throw new AppError('ADDRESS_NOT_ALLOWED', `${literal} is a loopback, private, link-local or reserved address, which this server may not reach.`);
  }
  if (isLocalhostName(hostname)) {
    throw new AppError('ADDRESS_NOT_ALLOWED', `"${hostname}" names this server itself, which repository URLs may not reach.`);
  }
}

/**
 * Resolves `host` and returns the addresses to connect to (in the resolver's order), refusing the host when
 * any of them is not public: a name with one private answer among public ones could be steered to it.
 */
export async function resolveAllowedAddresses(host: string, port: number, policy: NetworkPolicy): Promise<readonly string[]> {
  const literal = literalAddressOf(host);
  let addresses: readonly string[];
  if (literal !== null) {
    addresses = [literal];
  } else {
    try {
      addresses = await (policy.resolve ?? systemResolver)(host);
    } catch (err) {
      throw new AppError('HOST_NOT_FOUND', `The repository host "${host}" could not be found.`, { cause: err });
    }
  }
  if (addresses.length === 0) throw new AppError('HOST_NOT_FOUND', `The repository host "${host}" has no address.`);
  if (policy.allowPrivateAddresses || isTrusted(host, port, policy)) return addresses;
  if (isLocalhostName(host)) throw new AppError('ADDRESS_NOT_ALLOWED', `"${host}" names this server itself, which repository URLs may not reach.`);
  const refused = addresses.find((address) => !isPublicAddress(address));
  if (refused !== undefined) {
    throw new AppError('ADDRESS_NOT_ALLOWED', `"${host}" resolves to ${refused}, an address this server may not reach.`);
  }
  return addresses;
}

function isTrusted(host: string, port: number, policy: NetworkPolicy): boolean {
  return policy.trustedEndpoints?.includes(`${host.toLowerCase()}:${port}`) ?? false;
}
