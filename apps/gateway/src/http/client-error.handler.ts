import { Socket } from 'node:net';
import { errorBody, flavorOf } from './api-flavor';

const REASON: Record<number, string> = { 400: 'Bad Request', 413: 'Payload Too Large', 414: 'URI Too Long', 431: 'Request Header Fields Too Large' };

/** Node's parser error codes that have a more exact status than 400. */
const STATUS_BY_CODE: Record<string, number> = { HPE_HEADER_OVERFLOW: 431, HPE_URI_TOO_LONG: 414 };

/**
 * Requests Node's HTTP parser cannot read (a bad method token, a space in the target, a broken chunk)
 * never reach Nest; Node would answer a bare `400` with no body. This answers in the caller's API dialect
 * instead (the path is read from the request line when there is one), so every 4xx of ours is JSON.
 */
export function answerClientError(error: Error & { code?: string; rawPacket?: Buffer }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = STATUS_BY_CODE[error.code ?? ''] ?? 400;
  const body = JSON.stringify(errorBody(flavorOf(requestPath(error.rawPacket)), status, `the request is not valid HTTP/1.1 (${error.code ?? 'parse error'})`));
  socket.end(
    `HTTP/1.1 ${status} ${REASON[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The path of the request line in what the parser saw, or '' when there is none to read. */
export function requestPath(raw: Buffer | undefined): string {
  if (!raw) return '';
  const line = raw.subarray(0, Math.min(raw.length, 8192)).toString('latin1').split('\r\n', 1)[0] ?? '';
  const target = line.split(' ')[1] ?? '';
  return target.split('?', 1)[0] ?? '';
}
