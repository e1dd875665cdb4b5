import { isReservedHeaderName } from '@hookrelay/contracts';
import type { StandardWebhookHeaders } from '../signing/signing.types';

/** What the engine itself puts on every attempt. */
export interface OwnHeaders {
  /** The subscription's own credentials (Basic or Bearer, decrypted), or null. */
  readonly authorization: string | null;
  readonly userAgent: string;
  /** `webhook-id`, `webhook-timestamp` and, when signed, `webhook-signature`. */
  readonly signature: Pick<StandardWebhookHeaders, 'webhook-id' | 'webhook-timestamp'> & Partial<StandardWebhookHeaders>;
}

/**
 * The request headers of one attempt. Custom headers are stored data that may predate today's registration
 * rules, so they are cleaned here too: names compare case-insensitively (of `X-A` and `x-a` the last wins,
 * so one goes out), and reserved names are dropped (framing, `content-type`, every `webhook-*`, and
 * `authorization` when the subscription sends its own). Exactly one `User-Agent` goes out: a custom one
 * replaces ours.
 */
export function outboundHeaders(custom: Readonly<Record<string, string>>, own: OwnHeaders): Record<string, string> {
  const byName = new Map<string, readonly [string, string]>();
  for (const [name, value] of Object.entries(custom)) {
    if (!isReservedHeaderName(name, own.authorization !== null)) byName.set(name.toLowerCase(), [name, value]);
  }
  const headers: Record<string, string> = Object.fromEntries(byName.values());
  if (!byName.has('user-agent')) headers['user-agent'] = own.userAgent;
  headers['content-type'] = 'application/json';
  if (own.authorization !== null) headers.authorization = own.authorization;
  return Object.assign(headers, own.signature);
}
