import { IsOptional, IsString, Matches } from 'class-validator';

/**
 * Idempotent ingest: every event-accepting request may carry a client key (HTTP header `Idempotency-Key`, or
 * the `idempotencyKey` field on the NATS event subjects). The same key within 24 h gets the first answer and
 * creates nothing new. Keys are scoped by tenant and by the endpoint they were used on.
 */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
export const IDEMPOTENCY_KEY_MESSAGE = 'Idempotency-Key must be 1 to 255 visible ASCII characters';

/** The `idempotencyKey` field of the commands of event-accepting subjects (optional). */
export function IdempotencyKeyProperty(): PropertyDecorator {
  return (target, property) => {
    IsOptional()(target, property);
    IsString({ message: IDEMPOTENCY_KEY_MESSAGE })(target, property);
    Matches(IDEMPOTENCY_KEY_PATTERN, { message: IDEMPOTENCY_KEY_MESSAGE })(target, property);
  };
}
