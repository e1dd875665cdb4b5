import { responseSnippet } from '../response/response-snippet.util';
import type { BoundedBody } from './read-bounded-body.util';

/**
 * responseSnippet of the body read. responseSnippet reports the bytes it is given as the total; when
 * the read stopped at its limit the real total is unknown, so that marker is replaced by one that says so.
 */
export function attemptSnippet(body: BoundedBody, maxBytes: number): string {
  const snippet = responseSnippet(body.bytes, maxBytes);
  if (body.complete) return snippet;
  const marker = ` …[truncated, ${body.bytes.length} bytes total]`;
  const text = snippet.endsWith(marker) ? snippet.slice(0, -marker.length) : snippet;
  return `${text} …[truncated, more than ${body.bytes.length} bytes; the rest was not read]`;
}
