import { BlockList, isIP } from 'node:net';
import { embeddedIpv4 } from './embedded-ipv4.util';
import { parseCidr } from './parse-cidr.util';
import { REFUSED_RANGES, type RefusedRange } from './refused-ranges.constants';

/** Why an address is refused: its block, and the IPv4 address it embeds when that decided it. */
export interface AddressRefusal extends RefusedRange {
  readonly embeddedIpv4?: string;
}

const MATCHERS = REFUSED_RANGES.map((range) => {
  const { address, prefix, family } = parseCidr(range.cidr);
  const list = new BlockList();
  list.addSubnet(address, prefix, family);
  return { range, family, list };
});

/**
 * The address classifier of the SSRF guard: the refused block an IP address (any textual form, `%zone`
 * ignored) falls in, or null for a public address. IPv6 forms that carry an IPv4 address are judged by
 * that address too, so `::ffff:127.0.0.1`, `::ffff:7f00:1`, `::7f00:1`, `64:ff9b::7f00:1` and
 * `2002:7f00:1::` are all loopback. Text that is not an IP address is a caller bug: RangeError.
 */
export function refusedAddressRange(address: string): AddressRefusal | null {
  const bare = withoutZone(address);
  const version = isIP(bare);
  if (version === 0) throw new RangeError(`not an IP address: "${address}"`);
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const direct = MATCHERS.find((matcher) => matcher.family === family && matcher.list.check(bare, family));
  if (direct) return direct.range;
  const ipv4 = family === 'ipv6' ? embeddedIpv4(bare) : null;
  if (ipv4 === null) return null;
  const embedded = MATCHERS.find((matcher) => matcher.family === 'ipv4' && matcher.list.check(ipv4, 'ipv4'));
  return embedded ? { ...embedded.range, embeddedIpv4: ipv4 } : null;
}

function withoutZone(address: string): string {
  const zone = address.indexOf('%');
  return zone === -1 ? address : address.slice(0, zone);
}
