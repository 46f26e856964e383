export { isPublicAddress, literalAddressOf, isLocalhostName } from './address-policy.js';
export { systemResolver, type HostResolver } from './host-resolver.js';
export { DEFAULT_NETWORK_POLICY, assertHostNameAllowed, resolveAllowedAddresses, type NetworkPolicy } from './network-policy.js';
export { startConnectProxy, PROXY_STATUS, type ConnectProxy } from './connect-proxy.js';
export { egressProxyFor } from './shared-proxy.js';
