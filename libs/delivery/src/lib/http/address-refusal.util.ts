import { type BlockList, isIP } from 'node:net';
import { embeddedIpv4 } from './embedded-ipv4.util';
import { refusedAddressRange } from './refused-address-range.util';

/**
 * The SSRF verdict on one IP address: null when a delivery may connect to it, else the reason in plain
 * English. The operator allow-list wins over the refused blocks; an IPv6 form that embeds an IPv4
 * address is allowed when that IPv4 address is (so `127.0.0.0/8` also permits `::ffff:127.0.0.1`).
 */
export function addressRefusal(address: string, allowList: BlockList): string | null {
  const zone = address.indexOf('%');
  const bare = zone === -1 ? address : address.slice(0, zone);
  const version = isIP(bare);
  if (version === 0) return `"${address}" is not an IP address`;
  if (allowList.check(bare, version === 4 ? 'ipv4' : 'ipv6')) return null;
  const ipv4 = version === 6 ? embeddedIpv4(bare) : null;
  if (ipv4 !== null && allowList.check(ipv4, 'ipv4')) return null;
  const refused = refusedAddressRange(bare);
  if (refused === null) return null;
  const via = refused.embeddedIpv4 === undefined ? '' : ` (it embeds ${refused.embeddedIpv4})`;
  return `${address}${via} is refused: ${refused.label} (${refused.cidr})`;
}
