import { Deserializer, IncomingRequest } from '@nestjs/microservices';

/** A message on a service subject that is not a request this service can read. */
export class InvalidNatsRequestError extends Error {
  override readonly name = 'InvalidNatsRequestError';
}

/**
 * Nest's own NATS deserializer throws on bad JSON inside a promise nats.js never awaits (an unhandled
 * rejection: the process dies), and hands any other JSON to the handler as an "event" nobody answers.
 * Services only serve requests, so anything but `{id: string, data?, pattern?}` is refused here, with a
 * typed error GuardedServerNats turns into a log line and an error reply.
 */
export class StrictNatsRequestDeserializer implements Deserializer<Uint8Array, IncomingRequest> {
  deserialize(value: Uint8Array, options?: { channel?: string }): IncomingRequest {
    let packet: unknown;
    try {
      packet = JSON.parse(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8'));
    } catch {
      throw new InvalidNatsRequestError('the message is not JSON');
    }
    if (typeof packet !== 'object' || packet === null || Array.isArray(packet)) throw new InvalidNatsRequestError('the message is not a JSON object');
    const { id, data } = packet as Record<string, unknown>;
    if (typeof id !== 'string' || id.length === 0 || id.length > 128) throw new InvalidNatsRequestError('the message has no request id (a string of 1-128 characters)');
    return { id, pattern: options?.channel ?? '', data };
  }
}
