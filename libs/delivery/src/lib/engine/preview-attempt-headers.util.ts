import { isCredentialHeaderName, maskSecret, SECRET_MASK } from '@hookrelay/secrets';
import { outboundHeaders } from './outbound-headers.util';

/** What the preview shows for the timestamp: each attempt signs its own. */
export const PER_ATTEMPT_TIMESTAMP = '<per attempt>';

/**
 * The headers an attempt of a delivery would send now (the console's delivery detail), built by the same
 * outboundHeaders the attempts use, with every credential masked as the rest of the API masks it:
 * Authorization and credential-named custom headers as maskSecret does, the signature as `v1,********`.
 */
export function previewAttemptHeaders(
  custom: Readonly<Record<string, string>>,
  options: { deliveryId: string; authorization: string | null; signed: boolean; userAgent: string },
): Record<string, string> {
  const signature = {
    'webhook-id': options.deliveryId,
    'webhook-timestamp': PER_ATTEMPT_TIMESTAMP,
    ...(options.signed ? { 'webhook-signature': `v1,${SECRET_MASK}` } : {}),
  };
  const headers = outboundHeaders(custom, { authorization: options.authorization, userAgent: options.userAgent, signature });
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [
    name,
    name.toLowerCase().startsWith('webhook-') || !isCredentialHeaderName(name) ? value : maskSecret(value),
  ]));
}
