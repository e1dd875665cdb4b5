import { BlockList } from 'node:net';
import { parseAllowCidr } from './allow-cidr.parser';

/**
 * The operator allow-list as a `net.BlockList` (used here as an "is in these blocks" set). Entries are
 * validated with parseAllowCidr, so a bad or too wide one throws CidrListError instead of silently
 * matching nothing (or everything).
 */
export function buildAllowList(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of cidrs) {
    const { address, prefix, family } = parseAllowCidr(entry.trim());
    list.addSubnet(address, prefix, family);
  }
  return list;
}
