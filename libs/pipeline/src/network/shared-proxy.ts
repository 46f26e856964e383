import { startConnectProxy, type ConnectProxy } from './connect-proxy.js';
import type { NetworkPolicy } from './network-policy.js';

let systemProxy: Promise<ConnectProxy> | null = null;
const customProxies = new WeakMap<NetworkPolicy, Promise<ConnectProxy>>();

/**
 * The connect proxy for `policy`, started on first use and reused by every later git call of the process.
 * Policies with the system resolver and no trusted endpoints (what configuration produces) share one
 * proxy; a policy object carrying a test resolver gets its own.
 */
export function egressProxyFor(policy: NetworkPolicy): Promise<ConnectProxy> {
  const custom = policy.resolve !== undefined || (policy.trustedEndpoints?.length ?? 0) > 0;
  if (!custom) {
    systemProxy ??= startOrForget(policy, () => {
      systemProxy = null;
    });
    return systemProxy;
  }
  const existing = customProxies.get(policy);
  if (existing !== undefined) return existing;
  const started = startOrForget(policy, () => customProxies.delete(policy));
  customProxies.set(policy, started);
  return started;
}

/** A proxy that failed to start is forgotten, so the next call tries again. */
function startOrForget(policy: NetworkPolicy, forget: () => void): Promise<ConnectProxy> {
  // The shared proxy checks with the policy of its first caller: the only thing that can differ between
  // callers without a custom resolver is `allowPrivateAddresses`, and git calls that allow private
  // addresses do not use a proxy at all.
  return startConnectProxy({ ...policy, allowPrivateAddresses: false }).catch((err: unknown) => {
    forget();
    throw err;
  });
}
