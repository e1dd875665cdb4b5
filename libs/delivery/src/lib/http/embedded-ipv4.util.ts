import { ipv6Bytes } from './ipv6-bytes.util';

/**
 * The IPv4 address an IPv6 address carries, for the forms that reach (or are meant to reach) that IPv4
 * host: IPv4-mapped `::ffff:a.b.c.d`, IPv4-translated `::ffff:0:a.b.c.d`, the deprecated IPv4-compatible
 * `::a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`, 6to4 `2002:AABB:CCDD::` and Teredo `2001:0:…` (client address
 * stored inverted). Null for any other address, and for text that is not IPv6.
 */
export function embeddedIpv4(address: string): string | null {
  const bytes = ipv6Bytes(address);
  if (bytes === null) return null;
  const zeroUpTo = (end: number): boolean => bytes.subarray(0, end).every((byte) => byte === 0);
  const last32 = dotted(bytes, 12);
  if (zeroUpTo(10) && bytes[10] === 0xff && bytes[11] === 0xff) return last32; // ::ffff:0:0/96
  if (zeroUpTo(8) && bytes[8] === 0xff && bytes[9] === 0xff && bytes[10] === 0 && bytes[11] === 0) return last32; // ::ffff:0:0:0/96
  if (zeroUpTo(12)) return last32; // ::/96 (:: and ::1 are also classified as IPv6 first)
  if (startsWith(bytes, [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0])) return last32; // 64:ff9b::/96
  if (startsWith(bytes, [0x20, 0x02])) return dotted(bytes, 2); // 2002::/16
  if (startsWith(bytes, [0x20, 0x01, 0x00, 0x00])) return dotted(bytes.map((byte) => byte ^ 0xff), 12); // 2001::/32
  return null;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function dotted(bytes: Uint8Array, offset: number): string {
  return Array.from(bytes.subarray(offset, offset + 4)).join('.');
}
