import { BlockList } from 'node:net';
import { parseCidr } from './parse-cidr.util';

/**
 * The operator allow-list as a `net.BlockList` (used here as an "is in these blocks" set). Entries are
 * validated with parseCidr, so a bad one throws CidrListError instead of silently matching nothing.
 */
export function buildAllowList(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of cidrs) {
    const { address, prefix, family } = parseCidr(entry.trim());
    list.addSubnet(address, prefix, family);
  }
  return list;
}
