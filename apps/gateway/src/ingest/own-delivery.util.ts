import { DELIVERY_USER_AGENT } from '@hookrelay/contracts';
import { IncomingHttpHeaders } from 'node:http';

const OUR_USER_AGENT = new RegExp(`(^|[\\s,])${DELIVERY_USER_AGENT}(/|\\s|,|$)`, 'i');

/**
 * Whether a request is one of our own delivery attempts: our User-Agent together with a Standard Webhooks
 * id or signature (both are set on every attempt, and subscriptions cannot override them). Such a request
 * on an accept endpoint means a webhook points back at Hookrelay, which would feed itself forever.
 */
export function isOwnDelivery(headers: IncomingHttpHeaders): boolean {
  const userAgent = headers['user-agent'];
  if (typeof userAgent !== 'string' || !OUR_USER_AGENT.test(userAgent)) return false;
  return headers['webhook-id'] !== undefined || headers['webhook-signature'] !== undefined;
}
