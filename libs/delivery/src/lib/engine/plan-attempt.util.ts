import { signPayload } from '../signing/sign-payload.util';
import { EngineDelivery } from './delivery-policy.types';
import { outboundHeaders } from './outbound-headers.util';

export interface PlannedAttempt {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/**
 * The exact request of one attempt: the stored body, the subscription's custom headers (cleaned, see
 * outboundHeaders), its Authorization (Basic or Bearer, already decrypted), and Standard Webhooks headers
 * whose id is the delivery id (the same on every retry and redelivery) signed with every active secret.
 */
export function planAttempt(delivery: EngineDelivery, options: { now: Date; secrets: readonly string[]; authorization: string | null; userAgent: string }): PlannedAttempt {
  // webhook-id and webhook-timestamp go out even unsigned: receivers deduplicate on the id.
  const signature = options.secrets.length > 0
    ? signPayload({ id: delivery.id, timestamp: options.now, body: delivery.payload, secrets: options.secrets })
    : { 'webhook-id': delivery.id, 'webhook-timestamp': String(Math.floor(options.now.getTime() / 1000)) };
  return {
    url: delivery.url,
    body: delivery.payload,
    timeoutMs: delivery.policy.timeoutMs,
    headers: outboundHeaders(delivery.headers, { authorization: options.authorization || null, userAgent: options.userAgent, signature }),
  };
}
