import ipaddr from 'ipaddr.js';

/**
 * Whether a repository host may be reached at `address`: only ordinary public unicast addresses pass.
 * Loopback, private, link-local (cloud metadata at 169.254.169.254 included), unique-local, CGNAT,
 * multicast, broadcast, unspecified and reserved ranges are refused, as is an IPv4 address hidden in an
 * IPv6 one (`::ffff:127.0.0.1`, NAT64 `64:ff9b::a00:1`). 6to4 and Teredo are refused outright: they
 * tunnel to an IPv4 address we would have to check as well, and no git host needs them.
 */
export function isPublicAddress(address: string): boolean {
  const parsed = parseAddress(address);
  if (parsed === null) return false;
  if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast';
  const ipv6 = parsed as ipaddr.IPv6;
  const range = ipv6.range();
  if (range === 'ipv4Mapped' || range === 'rfc6145') return ipv6.toIPv4Address().range() === 'unicast';
  if (range === 'rfc6052') return embeddedIpv4(ipv6).range() === 'unicast';
  return range === 'unicast';
}

/** The IP address a URL host names literally (`127.0.0.1`, `[::1]`), or null for a host name. */
export function literalAddressOf(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}

/** `localhost` and the names under it (RFC 6761): resolvers may answer them locally whatever DNS says. */
export function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.+$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  // Only the strict forms: a resolver never returns `0x7f.1`, and URL hosts arrive normalised by `new URL`.
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare);
  if (ipaddr.IPv6.isValid(bare)) return ipaddr.IPv6.parse(bare);
  return null;
}

/** The IPv4 address in the last 32 bits of a NAT64 (64:ff9b::/96) address. */
function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 {
  const bytes = address.toByteArray().slice(12);
  return new ipaddr.IPv4(bytes);
}
