import type { Readable } from 'node:stream';

/** The start of a response body, and whether that is all of it. */
export interface BoundedBody {
  readonly bytes: Buffer;
  readonly complete: boolean;
}

/**
 * Reads `body` up to `limit` bytes. When more arrives the stream is destroyed, which makes undici drop
 * the connection instead of draining the rest; otherwise the body ends normally and the connection is
 * reused. A destroyed or failing stream (the attempt's deadline aborting it included) rejects.
 */
export async function readBoundedBody(body: Readable, limit: number): Promise<BoundedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    const room = limit - size;
    if (chunk.length > room) {
      chunks.push(chunk.subarray(0, room));
      body.destroy();
      return { bytes: Buffer.concat(chunks, limit), complete: false };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { bytes: Buffer.concat(chunks, size), complete: true };
}
