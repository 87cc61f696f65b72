import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Why an address is internal to the server's network, so a download must not reach it unless allowed:
 * - `loopback`: the server itself (127.0.0.0/8, 0.0.0.0/8 "this host", ::1, ::);
 * - `private`: a private network (RFC 1918: 10/8, 172.16/12, 192.168/16; RFC 6598 shared space 100.64/10);
 * - `link_local`: 169.254.0.0/16 (RFC 3927; the cloud metadata service answers at 169.254.169.254) and fe80::/10;
 * - `unique_local`: IPv6 unique local addresses, fc00::/7 (RFC 4193).
 * IPv6 addresses that carry an IPv4 address a router delivers to count as that IPv4 address: IPv4-mapped
 * (::ffff:127.0.0.1), IPv4-compatible (::127.0.0.1, RFC 4291 §2.5.5.1), NAT64 (64:ff9b::/96, RFC 6052 §2.1) and
 * 6to4 (2002::/16, the IPv4 address in bits 16–47, RFC 3056 §2).
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

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a trailing dotted IPv4 read as two groups). */
function ipv6Groups(address: string): number[] {
  const [head = '', tail] = address.replace(/%.*$/, '').split('::');
  const groups = (part: string) =>
    part === ''
      ? []
      : part.split(':').flatMap((g) => {
          if (!g.includes('.')) return [parseInt(g, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = g.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** The IPv4 address an IPv6 address carries in its IPv4-compatible, NAT64 or 6to4 form (see InternalRange), or null. */
function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  const ipv4 = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  // :: and ::1 are the IPv6 unspecified and loopback addresses, classified as such, not as 0.0.0.0 / 0.0.0.1.
  if (zeros(0, 6) && !(g[6] === 0 && g[7]! <= 1)) return ipv4(g[6]!, g[7]!);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return ipv4(g[6]!, g[7]!);
  if (g[0] === 0x2002) return ipv4(g[1]!, g[2]!);
  return null;
}

/**
 * The internal range an IP address belongs to, or null for a public address (or a string that is no IP address).
 * @param address an IPv4 or IPv6 address, without brackets
 */
export function internalRangeOf(address: string): InternalRange | null {
  const version = isIP(address);
  if (version === 0) return null;
  const family = version === 6 ? 'ipv6' : 'ipv4';
  for (const [range, list] of LISTS) if (list.check(address, family)) return range;
  const carried = version === 6 ? embeddedIpv4(address) : null;
  return carried === null ? null : internalRangeOf(carried);
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
