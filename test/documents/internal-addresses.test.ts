import { describe, expect, it } from 'vitest';
import { internalRangeOf } from '../../src/documents/internal-addresses.js';

/** Which addresses a download may reach: an IPv6 address that routes to an IPv4 one is judged by that IPv4 address. */
describe('internalRangeOf', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['::', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::10.0.0.1', 'private'],
    ['64:ff9b::169.254.169.254', 'link_local'],
    ['64:ff9b::c0a8:101', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:a9fe:a9fe:1::1', 'link_local'],
    ['fe80::1%eth0', 'link_local'],
  ])('%s is internal (%s)', (address, range) => {
    expect(internalRangeOf(address)).toBe(range);
  });

  it.each(['8.8.8.8', '2001:db8::1', '64:ff9b::808:808', '2002:808:808::1', '::808:808', '2606:4700::1111', 'not an address'])(
    '%s is not internal',
    (address) => {
      expect(internalRangeOf(address)).toBeNull();
    },
  );
});
