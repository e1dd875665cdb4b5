import { isIPv4, isIPv6 } from 'node:net';

const IPV6_BYTES = 16;
const IPV6_GROUPS = 8;

/**
 * The 16 bytes of an IPv6 address in any textual form Node accepts (`::1`, `0:0:0:0:0:0:0:1`,
 * `::ffff:127.0.0.1`, a `%zone` suffix), or null when the text is not IPv6. `net.isIPv6` validates the
 * syntax first, so the split below only has to expand `::` and a dotted IPv4 tail — no pattern matching.
 */
export function ipv6Bytes(address: string): Uint8Array | null {
  const zone = address.indexOf('%');
  const text = zone === -1 ? address : address.slice(0, zone);
  if (!isIPv6(text)) return null;
  const groups = expandGroups(withHexTail(text));
  if (groups.length !== IPV6_GROUPS) return null;
  const bytes = new Uint8Array(IPV6_BYTES);
  groups.forEach((group, index) => {
    const value = Number.parseInt(group, 16);
    bytes[index * 2] = value >> 8;
    bytes[index * 2 + 1] = value & 0xff;
  });
  return bytes;
}

/** `::ffff:1.2.3.4` → `::ffff:102:304`, so every group is hexadecimal. */
function withHexTail(text: string): string {
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (!isIPv4(tail)) return text;
  const [a, b, c, d] = tail.split('.').map(Number);
  return `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

function expandGroups(text: string): string[] {
  const halves = text.split('::');
  const head = halves[0] === '' ? [] : halves[0].split(':');
  if (halves.length === 1) return head;
  const tail = halves[1] === '' ? [] : halves[1].split(':');
  const zeros = new Array<string>(IPV6_GROUPS - head.length - tail.length).fill('0');
  return [...head, ...zeros, ...tail];
}
