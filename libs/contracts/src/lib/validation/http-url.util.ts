/** Longest target URL a subscription may store (every API: DocStudio, Conpeek, Incoplax). */
export const MAX_URL_LENGTH = 2048;

/** `http://` or `https://` and a first host character; anchored and fixed-width, so linear whatever follows. */
const SCHEME_AND_HOST = /^https?:\/\/[^\s/?#]/i;
const WHITESPACE = /\s/;

/**
 * True for an absolute http(s) URL of at most MAX_URL_LENGTH characters without whitespace. The length
 * is checked first and every later step is linear: the former pattern (`^https?://[^\s/?#]+[^\s]*$`) was
 * quadratic, and a 700 kB value blocked a service's event loop for minutes (review H2). Whether the target
 * is allowed (SSRF, this platform itself) is the service's question, see TargetUrlPolicy.
 */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) return false;
  if (!SCHEME_AND_HOST.test(value) || WHITESPACE.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}
