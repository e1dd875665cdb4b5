import { trimOws } from './http-syntax.util';

/** The header fields that decide where a request's body ends, or whether HTTP continues at all. */
// llhttp reads Proxy-Connection exactly like Connection.
export const FRAMING_HEADERS = ['content-length', 'transfer-encoding', 'connection', 'proxy-connection', 'upgrade'] as const;
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
  return { 'content-length': [], 'transfer-encoding': [], connection: [], 'proxy-connection': [], upgrade: [] };
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
    return endsInChunked(transferEncoding) ? { kind: 'chunked' } : opaque('Transfer-Encoding does not end in "chunked"');
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

// llhttp recognises a list element as a keyword only when it is the keyword, after optional SP/HTAB and
// before optional SP only (a trailing HTAB makes it an unknown token): e.g. `upgrade\t` is not an upgrade.
function hasElement(values: string[], keyword: RegExp): boolean {
  return values.join(',').split(',').some((element) => keyword.test(element));
}

const UPGRADE_ELEMENT = /^[ \t]*upgrade *$/i;
const CHUNKED_ELEMENT = /^[ \t]*chunked *$/i;

// llhttp treats a request as an upgrade only with a non-empty Upgrade field *and* an "upgrade" element in
// Connection (or Proxy-Connection); an Upgrade field alone leaves it an ordinary request and llhttp keeps
// parsing the connection, so the front must keep following it too (or a forged marker could slip through).
function isUpgrade(fields: FramingFields): boolean {
  return (
    fields.upgrade.some((value) => trimOws(value) !== '') &&
    hasElement([...fields.connection, ...fields['proxy-connection']], UPGRADE_ELEMENT)
  );
}

// Codings from all Transfer-Encoding fields form one list. llhttp rejects a request whose list has a
// "chunked" element anywhere but last, so only the last element decides.
function endsInChunked(values: string[]): boolean {
  const codings = values.join(',').split(',');
  return CHUNKED_ELEMENT.test(codings[codings.length - 1]);
}

function parseContentLength(value: string): number | null {
  const digits = trimOws(value);
  if (!/^[0-9]+$/.test(digits)) return null;
  const length = Number(digits);
  // Past 2^53 the count is inexact; such a body never ends in practice, so nothing is lost by not following it.
  return Number.isSafeInteger(length) ? length : null;
}
