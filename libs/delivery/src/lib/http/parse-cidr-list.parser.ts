import { CidrListError } from './cidr-list.error';
import { parseAllowCidr } from './allow-cidr.parser';

/**
 * Parses a comma-separated CIDR list such as `DELIVERY_ALLOW_CIDRS=127.0.0.0/8, ::1`. Blank text is an
 * empty list; spaces around entries are ignored; a bare address becomes `/32` or `/128`. Throws
 * CidrListError naming the first bad entry (an empty item between commas included, and an entry so wide
 * it would switch the guard off: see MIN_ALLOW_PREFIX).
 */
export function parseCidrList(text: string): string[] {
  if (text.trim() === '') return [];
  return text.split(',').map((item, index) => {
    const entry = item.trim();
    if (entry === '') throw new CidrListError(entry, `CIDR list item ${index + 1} is empty in "${text.trim()}"`);
    const { address, prefix } = parseAllowCidr(entry);
    return `${address}/${prefix}`;
  });
}
