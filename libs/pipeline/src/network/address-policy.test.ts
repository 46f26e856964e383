import { describe, expect, it } from 'vitest';
import { isLocalhostName, isPublicAddress, literalAddressOf } from './address-policy.js';

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
