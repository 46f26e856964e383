import { lookup } from 'node:dns/promises';

/** Every address a host name resolves to. Injectable so tests can make a name resolve anywhere without DNS. */
export type HostResolver = (hostname: string) => Promise<readonly string[]>;

/** The system resolver (getaddrinfo, so /etc/hosts counts), all addresses, in the order it gives them. */
export const systemResolver: HostResolver = async (hostname) => {
  const addresses = await lookup(hostname, { all: true, verbatim: true });
  return addresses.map((entry) => entry.address);
};
