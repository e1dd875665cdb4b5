import { isIP } from 'node:net';
import { CidrListError } from './cidr-list.error';
import { ipv6Bytes } from './ipv6-bytes.util';

/** One validated CIDR block. */
export interface Cidr {
  readonly address: string;
  readonly prefix: number;
  readonly family: 'ipv4' | 'ipv6';
}

const SYNTAX = 'expected an IPv4 or IPv6 address with an optional /prefix, e.g. 127.0.0.0/8, 10.1.2.3 or fd00::/8';

/**
 * Parses `address[/prefix]`. A bare address is a single host (/32, /128). Strict: no spaces inside, a
 * decimal prefix without sign or leading zeros, and no host bits set below the prefix (`10.0.0.1/8` is
 * most likely a typo for `10.0.0.0/8` or `10.0.0.1/32`, so it is refused with the network address).
 */
export function parseCidr(entry: string): Cidr {
  const parts = entry.split('/');
  if (parts.length > 2) throw new CidrListError(entry, `"${entry}" is not a CIDR: more than one "/"; ${SYNTAX}`);
  const [address, prefixText] = parts;
  const version = isIP(address);
  if (version === 0 || address.includes('%')) {
    throw new CidrListError(entry, `"${entry}" is not a CIDR: "${address}" is not an IP address; ${SYNTAX}`);
  }
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const bits = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefixText !== undefined && (String(prefix) !== prefixText || !Number.isInteger(prefix) || prefix < 0 || prefix > bits)) {
    throw new CidrListError(entry, `"${entry}" is not a CIDR: the prefix must be a whole number from 0 to ${bits} for ${family}`);
  }
  const network = networkAddress(address, family, prefix);
  if (network !== null) {
    throw new CidrListError(entry, `"${entry}" has host bits set below /${prefix}: did you mean ${network}/${prefix}?`);
  }
  return { address, prefix, family };
}

/** The network address when `address` has host bits set below `prefix`, else null. */
function networkAddress(address: string, family: 'ipv4' | 'ipv6', prefix: number): string | null {
  const bytes = family === 'ipv4' ? Uint8Array.from(address.split('.').map(Number)) : ipv6Bytes(address);
  if (bytes === null) return null;
  const masked = bytes.map((byte, index) => {
    const keep = Math.min(8, Math.max(0, prefix - index * 8));
    return byte & ((0xff << (8 - keep)) & 0xff);
  });
  if (masked.every((byte, index) => byte === bytes[index])) return null;
  if (family === 'ipv4') return Array.from(masked).join('.');
  const groups = Array.from({ length: 8 }, (_, index) => ((masked[index * 2] << 8) | masked[index * 2 + 1]).toString(16));
  return new URL(`http://[${groups.join(':')}]`).hostname.slice(1, -1); // WHATWG URL prints the canonical short form
}
