import { connect, Socket } from 'node:net';

export interface RawHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Speaks HTTP/1.1 over a bare TCP socket: the test decides exactly how the request bytes are split
 * into writes (one byte per write, pipelined requests in one write, a chunked body…), and reads back
 * `expected` responses from the same connection.
 */
export async function rawHttp(
  port: number,
  writes: ReadonlyArray<string | Buffer>,
  options: { expected: number; delayBetweenWritesMs?: number; timeoutMs?: number; host?: string },
): Promise<RawHttpResponse[]> {
  const socket = connect(port, options.host ?? '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const reading = readResponses(socket, options.expected, options.timeoutMs ?? 10_000);
  try {
    for (const chunk of writes) {
      socket.write(chunk);
      if (options.delayBetweenWritesMs) await new Promise((r) => setTimeout(r, options.delayBetweenWritesMs));
    }
    return await reading;
  } finally {
    socket.destroy();
  }
}

/** Splits a request into one-byte writes. */
export function bytewise(request: string): Buffer[] {
  const bytes = Buffer.from(request);
  return Array.from(bytes, (b) => Buffer.from([b]));
}

function readResponses(socket: Socket, expected: number, timeoutMs: number): Promise<RawHttpResponse[]> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const responses: RawHttpResponse[] = [];
    const timer = setTimeout(() => reject(new Error(`got ${responses.length} of ${expected} responses within ${timeoutMs} ms; pending: ${buffer.toString()}`)), timeoutMs);
    const finish = (error?: Error): void => {
      clearTimeout(timer);
      socket.removeAllListeners('data');
      if (error) reject(error);
      else resolve(responses);
    };
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const parsed = parseOne(buffer);
        if (!parsed) break;
        responses.push(parsed.response);
        buffer = buffer.subarray(parsed.consumed);
        if (responses.length === expected) return finish();
      }
    });
    socket.once('close', () => finish(responses.length === expected ? undefined : new Error(`connection closed after ${responses.length} of ${expected} responses`)));
    socket.once('error', (error) => finish(error));
  });
}

function parseOne(buffer: Buffer): { response: RawHttpResponse; consumed: number } | null {
  const headerEnd = buffer.indexOf('\r\n\r\n');
  if (headerEnd < 0) return null;
  const [statusLine, ...headerLines] = buffer.subarray(0, headerEnd).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1]);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let offset = headerEnd + 4;
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
    const parts: Buffer[] = [];
    for (;;) {
      const lineEnd = buffer.indexOf('\r\n', offset);
      if (lineEnd < 0) return null;
      const size = parseInt(buffer.subarray(offset, lineEnd).toString('latin1'), 16);
      offset = lineEnd + 2;
      if (size === 0) {
        const trailerEnd = buffer.indexOf('\r\n', offset);
        if (trailerEnd < 0) return null;
        offset = trailerEnd + 2;
        break;
      }
      if (buffer.length < offset + size + 2) return null;
      parts.push(buffer.subarray(offset, offset + size));
      offset += size + 2;
    }
    return { response: { status, headers, body: Buffer.concat(parts).toString('utf8') }, consumed: offset };
  }
  const length = Number(headers['content-length'] ?? 0);
  if (buffer.length < offset + length) return null;
  return { response: { status, headers, body: buffer.subarray(offset, offset + length).toString('utf8') }, consumed: offset + length };
}
