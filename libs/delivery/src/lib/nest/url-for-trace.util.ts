/**
 * A target URL as a span may record it: no query string or fragment (they often carry tokens, e.g.
 * `?key=…`), no credentials (refused at registration, dropped here anyway). Unparseable → `[invalid url]`.
 */
export function urlForTrace(raw: string): { full: string; host: string } {
  try {
    const url = new URL(raw);
    return { full: `${url.protocol}//${url.host}${url.pathname}`, host: url.hostname };
  } catch {
    return { full: '[invalid url]', host: '' };
  }
}
