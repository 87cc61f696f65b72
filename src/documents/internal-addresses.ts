import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Why an address is internal to the server's network, so a download must not reach it unless allowed:
 * - `loopback`: the server itself (127.0.0.0/8, 0.0.0.0/8 "this host", ::1, ::);
 * - `private`: a private network (RFC 1918: 10/8, 172.16/12, 192.168/16; RFC 6598 shared space 100.64/10);
 * - `link_local`: 169.254.0.0/16 (RFC 3927; the cloud metadata service answers at 169.254.169.254) and fe80::/10;
 * - `unique_local`: IPv6 unique local addresses, fc00::/7 (RFC 4193).
 * IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) count as the IPv4 address they carry.
 */
export type InternalRange = 'loopback' | 'private' | 'link_local' | 'unique_local';

const RANGES: ReadonlyArray<[InternalRange, string, number, 'ipv4' | 'ipv6']> = [
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['loopback', '0.0.0.0', 8, 'ipv4'],
  ['loopback', '::1', 128, 'ipv6'],
  ['loopback', '::', 128, 'ipv6'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['private', '100.64.0.0', 10, 'ipv4'],
  ['link_local', '169.254.0.0', 16, 'ipv4'],
  ['link_local', 'fe80::', 10, 'ipv6'],
  ['unique_local', 'fc00::', 7, 'ipv6'],
];

/** One BlockList per range (node:net's, which also matches IPv4-mapped IPv6 addresses against IPv4 subnets). */
const LISTS: ReadonlyArray<[InternalRange, BlockList]> = (() => {
  const lists = new Map<InternalRange, BlockList>();
  for (const [range, network, prefix, family] of RANGES) {
    const list = lists.get(range) ?? new BlockList();
    list.addSubnet(network, prefix, family);
    lists.set(range, list);
  }
  return [...lists];
})();

/**
 * The internal range an IP address belongs to, or null for a public address (or a string that is no IP address).
 * @param address an IPv4 or IPv6 address, without brackets
 */
export function internalRangeOf(address: string): InternalRange | null {
  const version = isIP(address);
  if (version === 0) return null;
  const family = version === 6 ? 'ipv6' : 'ipv4';
  for (const [range, list] of LISTS) if (list.check(address, family)) return range;
  return null;
}

/** A host name that resolves to internal addresses only (see InternalRange). */
export class InternalAddressError extends Error {
  readonly code = 'EINTERNALADDRESS';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: InternalRange,
  ) {
    super(`${host} resolves to ${address}, an internal address (${range})`);
    this.name = 'InternalAddressError';
  }
}

/**
 * A `lookup` for net.connect / tls.connect (an HTTP agent's connect options) that resolves like dns.lookup and
 * drops internal addresses, so the address the socket connects to is never internal, whatever the name resolved to
 * at a previous check (DNS rebinding). Fails with InternalAddressError when nothing public remains; DNS errors pass
 * through unchanged. Honours `all` (Node's Happy Eyeballs asks for every address).
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const allowed = addresses.filter((a) => internalRangeOf(a.address) === null);
    const first = addresses[0];
    if (allowed.length === 0 && first) return callback(new InternalAddressError(hostname, first.address, internalRangeOf(first.address)!), '', 0);
    if (options.all) return callback(null, allowed);
    const chosen = allowed[0];
    if (!chosen) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
    callback(null, chosen.address, chosen.family);
  });
};
