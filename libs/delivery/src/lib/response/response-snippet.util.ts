/** Bytes kept by default: enough to read an error page's message, small enough to store per attempt. */
export const DEFAULT_SNIPPET_BYTES = 1024;

/** UTF-8 encodes a character in at most 4 bytes, so a boundary is never more than 3 bytes back. */
const MAX_CONTINUATION_BYTES = 3;

/**
 * At most `maxBytes` bytes of a response body as text, cut at a UTF-8 character boundary, followed by
 * ` …[truncated, N bytes total]` when something was cut. NUL characters become U+FFFD because PostgreSQL
 * text columns refuse them; invalid UTF-8 is replaced the same way.
 */
export function responseSnippet(bytes: Buffer | string, maxBytes: number = DEFAULT_SNIPPET_BYTES): string {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw new RangeError(`maxBytes must be an integer ≥ 0; got ${maxBytes}`);
  }
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  if (buffer.length <= maxBytes) return clean(buffer.toString('utf8'));
  let cut = maxBytes;
  for (let back = 0; back < MAX_CONTINUATION_BYTES && cut > 0 && isContinuationByte(buffer[cut]); back++) cut--;
  if (isContinuationByte(buffer[cut])) cut = maxBytes; // not UTF-8 at all: cut where asked
  return `${clean(buffer.subarray(0, cut).toString('utf8'))} …[truncated, ${buffer.length} bytes total]`;
}

function isContinuationByte(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

function clean(text: string): string {
  return text.replace(/\0/g, '\uFFFD');
}
