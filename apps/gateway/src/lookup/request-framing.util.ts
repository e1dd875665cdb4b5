import { trimOws } from './http-syntax.util';

/** The header fields that decide where a request's body ends, or whether HTTP continues at all. */
export const FRAMING_HEADERS = ['content-length', 'transfer-encoding', 'connection', 'upgrade'] as const;
export type FramingHeader = (typeof FRAMING_HEADERS)[number];

/** Values of the framing headers of one header section, in arrival order (leading whitespace already removed). */
export type FramingFields = Record<FramingHeader, string[]>;

export type BodyFraming =
  | { kind: 'none' }
  | { kind: 'length'; length: number }
  | { kind: 'chunked' }
  /** The front cannot (or must not) find the next request line: it stops rewriting this connection. */
  | { kind: 'opaque'; reason: string };

export function emptyFramingFields(): FramingFields {
  return { 'content-length': [], 'transfer-encoding': [], connection: [], upgrade: [] };
}

export function isFramingHeader(lowerCaseName: string): lowerCaseName is FramingHeader {
  return (FRAMING_HEADERS as readonly string[]).includes(lowerCaseName);
}

/**
 * How a request's body is delimited, with llhttp's rules (Node's strict parser), so the front and the
 * http server always agree on where the next request line starts. Every `opaque` answer is a case where
 * llhttp either rejects the request or stops parsing HTTP on the connection (upgrade, CONNECT), which is
 * what makes passing the rest through unchanged safe. Requests without Content-Length or
 * Transfer-Encoding have no body (RFC 9112 §6.3), whatever the method.
 */
export function decideFraming(method: string, fields: FramingFields): BodyFraming {
  if (method === 'CONNECT') return opaque('CONNECT turns the connection into a tunnel');
  if (isUpgrade(fields)) return opaque('Upgrade hands the connection to another protocol');
  const transferEncoding = fields['transfer-encoding'];
  const contentLength = fields['content-length'];
  if (transferEncoding.length > 0 && contentLength.length > 0) return opaque('both Content-Length and Transfer-Encoding');
  if (transferEncoding.length > 0) {
    return endsInSingleChunked(transferEncoding) ? { kind: 'chunked' } : opaque('Transfer-Encoding does not end in one "chunked"');
  }
  if (contentLength.length > 1) return opaque('repeated Content-Length');
  if (contentLength.length === 0) return { kind: 'none' };
  const length = parseContentLength(contentLength[0]);
  if (length === null) return opaque('malformed or oversized Content-Length');
  return length === 0 ? { kind: 'none' } : { kind: 'length', length };
}

function opaque(reason: string): BodyFraming {
  return { kind: 'opaque', reason };
}

function listElements(values: string[]): string[] {
  return values.join(',').split(',').map((element) => trimOws(element).toLowerCase());
}

// llhttp treats a request as an upgrade only with a non-empty Upgrade field *and* an "upgrade" token in
// Connection; an Upgrade field alone leaves it an ordinary request and llhttp keeps parsing the connection,
// so the front must keep following it too (or a forged marker could slip through behind it).
function isUpgrade(fields: FramingFields): boolean {
  return fields.upgrade.some((value) => trimOws(value) !== '') && listElements(fields.connection).includes('upgrade');
}

function endsInSingleChunked(values: string[]): boolean {
  const codings = listElements(values);
  return codings[codings.length - 1] === 'chunked' && codings.indexOf('chunked') === codings.length - 1;
}

function parseContentLength(value: string): number | null {
  const digits = trimOws(value);
  if (!/^[0-9]+$/.test(digits)) return null;
  const length = Number(digits);
  // Past 2^53 the count is inexact; such a body never ends in practice, so nothing is lost by not following it.
  return Number.isSafeInteger(length) ? length : null;
}
