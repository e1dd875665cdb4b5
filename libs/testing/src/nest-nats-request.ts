import { JSONCodec, NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';

const codec = JSONCodec<unknown>();

/**
 * Sends a request the way an internal producer using Nest's NATS transport does (`{pattern, data, id}`),
 * and unwraps Nest's reply (`{response}` or `{err}`): tests drive service subjects directly with it.
 */
export async function nestNatsRequest<T>(nc: NatsConnection, subject: string, data: unknown, timeoutMs = 5000): Promise<T> {
  const reply = await nc.request(subject, codec.encode({ pattern: subject, data, id: randomUUID() }), { timeout: timeoutMs });
  const decoded = codec.decode(reply.data) as { response?: T; err?: unknown };
  if (decoded.err !== undefined && decoded.err !== null) throw Object.assign(new Error(`${subject} failed: ${JSON.stringify(decoded.err)}`), { body: decoded.err });
  return decoded.response as T;
}
