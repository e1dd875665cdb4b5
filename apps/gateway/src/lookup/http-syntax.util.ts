/** Bytes of HTTP/1.1 message syntax (RFC 9112) the front needs to follow request framing. */
export const CR = 0x0d;
export const LF = 0x0a;
export const SP = 0x20;
export const HT = 0x09;
export const COLON = 0x3a;
export const SEMICOLON = 0x3b;

// tchar from RFC 9110 §5.6.2; llhttp's strict mode uses the same set for methods and header names.
const TOKEN_BYTES = new Uint8Array(256);
for (const char of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") {
  TOKEN_BYTES[char.charCodeAt(0)] = 1;
}

export function isTokenByte(byte: number): boolean {
  return TOKEN_BYTES[byte] === 1;
}

/** The value of a hexadecimal digit, or -1. */
export function hexDigitValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  return -1;
}

/** Strips optional whitespace (SP / HTAB only, as HTTP defines it; not String.prototype.trim's wider set). */
export function trimOws(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && (value[start] === ' ' || value[start] === '\t')) start++;
  while (end > start && (value[end - 1] === ' ' || value[end - 1] === '\t')) end--;
  return value.slice(start, end);
}
