import type { IncomingMessage } from 'node:http';

/** The method our public API answers; Node's HTTP parser (llhttp) does not know it and answers 400. */
export const LOOKUP_METHOD = 'LOOKUP';

/**
 * What the front renames LOOKUP to on the wire: llhttp knows it, Nest routes it with `@Search()`, and it has
 * the same length, so the rewrite never shifts a byte of the stream.
 */
export const REWRITTEN_METHOD = 'SEARCH';

/**
 * Added by the front to every request it renamed, and removed from every header section a client sends, so
 * only the front can make a SEARCH request look like LOOKUP.
 */
export const ORIGINAL_METHOD_HEADER = 'x-hookrelay-original-method';

/**
 * The method the client actually sent: `LOOKUP` for a request the front renamed, else `req.method`.
 * Requires the request to have come through `createLookupFront` (which strips forged markers); behind any
 * other listener a client could set the marker itself.
 */
export function originalMethod(req: IncomingMessage): string {
  const method = req.method ?? '';
  const renamed = method === REWRITTEN_METHOD && req.headers[ORIGINAL_METHOD_HEADER] === LOOKUP_METHOD;
  return renamed ? LOOKUP_METHOD : method;
}
