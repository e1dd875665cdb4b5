import { BlockList } from 'node:net';
import { CidrListError } from './cidr-list.error';
import { type Cidr, parseCidr } from './parse-cidr.util';

/**
 * The widest allow-list entry per family. 10.0.0.0/8 is the widest private IPv4 block and fc00::/7 the
 * widest IPv6 one (unique local): an operator never needs more to reach an internal receiver, and a wider
 * entry (`0.0.0.0/0`, `::/0`, `0.0.0.0/1`, …) would switch the SSRF guard off rather than make an exception.
 */
export const MIN_ALLOW_PREFIX = { ipv4: 8, ipv6: 7 } as const;

/**
 * IPv6 blocks that carry an IPv4 address in their last 32 bits and reach that IPv4 host: mapped, translated,
 * compatible, NAT64. An allowed IPv6 address is allowed whatever it embeds, so `::ffff:0:0/96` would allow
 * every IPv4 address: an entry inside one of these must be as narrow as MIN_ALLOW_PREFIX.ipv4 of the embedded
 * IPv4 space, and an entry containing one is refused.
 */
const IPV4_EMBEDDING_BLOCKS = ['::ffff:0:0', '::ffff:0:0:0', '::', '64:ff9b::'].map((address) => {
  const list = new BlockList();
  list.addSubnet(address, 96, 'ipv6');
  return { address, list };
});

/**
 * One entry of the operator allow-list (`DELIVERY_ALLOW_CIDRS`): a CIDR as parseCidr reads it, no wider
 * than MIN_ALLOW_PREFIX and not covering an IPv4-embedding block wholesale. Throws CidrListError naming it.
 */
export function parseAllowCidr(entry: string): Cidr {
  const cidr = parseCidr(entry);
  const problem = widthProblem(cidr);
  if (problem !== null) throw new CidrListError(entry, `"${entry}" ${problem}: it would switch the SSRF guard off; allow the receiver's own block instead`);
  return cidr;
}

function widthProblem({ address, prefix, family }: Cidr): string | null {
  if (prefix < MIN_ALLOW_PREFIX[family]) return `is wider than /${MIN_ALLOW_PREFIX[family]}, the widest ${family} entry allowed`;
  if (family === 'ipv4') return null;
  const entry = new BlockList();
  entry.addSubnet(address, prefix, 'ipv6');
  for (const block of IPV4_EMBEDDING_BLOCKS) {
    if (prefix <= 96 && entry.check(block.address, 'ipv6')) return `contains ${block.address}/96, which embeds every IPv4 address`;
    if (prefix > 96 && prefix - 96 < MIN_ALLOW_PREFIX.ipv4 && block.list.check(address, 'ipv6')) {
      return `covers a /${prefix - 96} of IPv4 through ${block.address}/96, wider than /${MIN_ALLOW_PREFIX.ipv4}`;
    }
  }
  return null;
}
