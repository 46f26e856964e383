import ipaddr from 'ipaddr.js';

/**
 * Whether a repository host may be reached at `address`: only ordinary public unicast addresses pass.
 * Loopback, private, link-local (cloud metadata at 169.254.169.254 included), unique-local, CGNAT,
 * multicast, broadcast, unspecified and reserved ranges are refused. An IPv4 address inside an IPv6 one
 * is judged as IPv4 in the two forms that reach it, mapped (`::ffff:127.0.0.1`) and the well-known NAT64
 * prefix (`64:ff9b::a00:1`); every other form that carries one is refused outright, as are tunnels to one:
 * IPv4-compatible (`::a.b.c.d`), SIIT (`::ffff:0:a.b.c.d`), local-use NAT64 (`64:ff9b:1::/48`), 6to4 and
 * Teredo. We would have to check the IPv4 address as well, and no git host needs them. Never throws:
 * anything it cannot read is refused.
 */
export function isPublicAddress(address: string): boolean {
  try {
    const parsed = parseAddress(address);
    if (parsed === null) return false;
    if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast';
    const ipv6 = parsed as ipaddr.IPv6;
    const embedded = embeddedIpv4(ipv6);
    if (embedded !== null) return embedded.range() === 'unicast';
    // ::/96 (IPv4-compatible, `::`, `::1`) is never an ordinary host.
    if (ipv6.parts.slice(0, 6).every((part) => part === 0)) return false;
    return ipv6.range() === 'unicast';
  } catch {
    return false;
  }
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
  if (!ipaddr.IPv6.isValid(bare)) return null;
  // ipaddr.js reads a dotted tail after `::` as mapped (`::1.2.3.4` as `::ffff:1.2.3.4`), unlike the
  // system; the URL parser writes the address in hex, as the system reads it. A zone (`%eth0`) is refused.
  const hex = new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  return ipaddr.IPv6.parse(hex);
}

// The only prefixes whose last 32 bits reach an IPv4 address: IPv4-mapped and the well-known NAT64 prefix.
const MAPPED_PREFIX = [0, 0, 0, 0, 0, 0xffff];
const NAT64_PREFIX = [0x64, 0xff9b, 0, 0, 0, 0];

/** The IPv4 address in the last 32 bits of a mapped (::ffff:0:0/96) or NAT64 (64:ff9b::/96) address; else null. */
function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const prefix = address.parts.slice(0, 6);
  const matches = (expected: readonly number[]): boolean => expected.every((part, index) => prefix[index] === part);
  if (!matches(MAPPED_PREFIX) && !matches(NAT64_PREFIX)) return null;
  return new ipaddr.IPv4(address.toByteArray().slice(12));
}
