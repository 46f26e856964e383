import { describe, expect, it } from 'vitest';
import { isLocalhostName, isPublicAddress, literalAddressOf } from './address-policy.js';
import { resolveAllowedAddresses } from './network-policy.js';

describe('isPublicAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'cloud metadata (link-local)'],
    ['169.254.0.1', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['fe80::1', 'IPv6 link-local'],
    ['ff02::1', 'IPv6 multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex form'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['64:ff9b::a00:1', 'NAT64 of a private address'],
    ['2002:7f00:1::', '6to4'],
    ['::ffff:0:127.0.0.1', 'SIIT (rfc6145) form of loopback'],
    ['::ffff:0:8.8.8.8', 'SIIT (rfc6145) form of a public address'],
    ['64:ff9b:1::a00:1', 'local-use NAT64 (64:ff9b:1::/48)'],
    ['64:ff9b:1::808:808', 'local-use NAT64 of a public address: the IPv4 address is not in the last 32 bits there'],
    ['::7f00:1', 'IPv4-compatible loopback'],
    ['::127.0.0.1', 'IPv4-compatible loopback, dotted'],
    ['::8.8.8.8', 'IPv4-compatible form of a public address'],
    ['fe80::1%eth0', 'an address with a zone'],
    ['0x7f.1', 'a non-canonical IPv4 form'],
    ['not-an-address', 'not an address'],
  ])('refuses %s (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['140.82.112.3', '8.8.8.8', '2606:4700:4700::1111', '::ffff:140.82.112.3', '64:ff9b::8c52:7003', '[2a00:1450:4001:80b::200e]'])(
    'accepts the public address %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
});

describe('resolveAllowedAddresses', () => {
  it.each(['::ffff:0:7f00:1', '::ffff:0:127.0.0.1', '64:ff9b:1::7f00:1', '::7f00:1'])(
    'refuses a host that resolves to %s with ADDRESS_NOT_ALLOWED',
    async (address) => {
      const policy = { allowPrivateAddresses: false, resolve: async () => [address] };
      await expect(resolveAllowedAddresses('git.example.com', 443, policy)).rejects.toMatchObject({ code: 'ADDRESS_NOT_ALLOWED' });
    },
  );
});

describe('literalAddressOf', () => {
  it('recognises IPv4 and bracketed IPv6 hosts and leaves names alone', () => {
    expect(literalAddressOf('127.0.0.1')).toBe('127.0.0.1');
    expect(literalAddressOf('[::1]')).toBe('::1');
    expect(literalAddressOf('[::ffff:7f00:1]')).toBe('::ffff:7f00:1');
    expect(literalAddressOf('github.com')).toBeNull();
  });
});

describe('isLocalhostName', () => {
  it.each(['localhost', 'LOCALHOST', 'localhost.', 'api.localhost', 'a.b.localhost.'])('treats %s as this machine', (name) => {
    expect(isLocalhostName(name)).toBe(true);
  });

  it.each(['localhost.example.com', 'mylocalhost', 'github.com'])('treats %s as a name like any other', (name) => {
    expect(isLocalhostName(name)).toBe(false);
  });
});
