import { createHmac } from 'node:crypto';
import { DeliverySettingError } from '../delivery-setting.error';
import { parseSigningSecret } from './parse-signing-secret.util';
import type { StandardWebhookHeaders } from './signing.types';

/** Unix seconds above this are surely milliseconds (year 5138); refusing them catches `Date.now()` mistakes. */
const MAX_UNIX_SECONDS = 1e11;

/** What {@link signPayload} signs. `body` must be the exact text sent on the wire. */
export interface SignPayloadInput {
  readonly id: string;
  /** A `Date`, or unix time in whole seconds. */
  readonly timestamp: Date | number;
  readonly body: string;
  /** Current secret first; during a rotation grace period the old one too. */
  readonly secrets: readonly string[];
}

/**
 * Standard Webhooks headers for one delivery: one `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` per
 * secret, in the order given, separated by a single space.
 */
export function signPayload({ id, timestamp, body, secrets }: SignPayloadInput): StandardWebhookHeaders {
  if (id.length === 0) throw new RangeError('webhook id must not be empty');
  if (secrets.length === 0) {
    throw new DeliverySettingError('signingSecret', 'at least one signing secret is needed to sign a delivery');
  }
  const seconds = toUnixSeconds(timestamp);
  const signedContent = `${id}.${seconds}.${body}`;
  const signatures = secrets.map(
    (secret) => `v1,${createHmac('sha256', parseSigningSecret(secret)).update(signedContent, 'utf8').digest('base64')}`,
  );
  return {
    'webhook-id': id,
    'webhook-timestamp': String(seconds),
    'webhook-signature': signatures.join(' '),
  };
}

function toUnixSeconds(timestamp: Date | number): number {
  const seconds = timestamp instanceof Date ? Math.floor(timestamp.getTime() / 1000) : timestamp;
  if (!Number.isSafeInteger(seconds) || seconds < 0 || seconds >= MAX_UNIX_SECONDS) {
    throw new RangeError(`webhook timestamp must be a valid Date or whole unix seconds; got ${String(timestamp)}`);
  }
  return seconds;
}
