import { DELIVERY_JOB_SOURCES, ServiceErrorCode, ServiceException, SubscriptionSource } from '@hookrelay/contracts';
import type { TargetListQuery } from '@hookrelay/delivery';
import { opaqueCursor } from '../paging/opaque-cursor.util';
import { parseLimit } from '../paging/parse-limit.parser';

export const SUBSCRIPTION_PAGE_MAX = 500;
export const SUBSCRIPTION_PAGE_DEFAULT = 200;

const isSource = (value: unknown): value is SubscriptionSource => (DELIVERY_JOB_SOURCES as readonly unknown[]).includes(value);

/** GET /hookrelay/v1/subscriptions' query → the store's keyset query; a bad value is a 400 naming its parameter. */
export function parseSubscriptionListQuery(query: Partial<Record<string, string>>): TargetListQuery {
  const { source, paused, limit, after } = query;
  if (source !== undefined && !isSource(source)) throw badRequest(`source must be one of ${DELIVERY_JOB_SOURCES.join(', ')}`);
  if (paused !== undefined && paused !== 'true' && paused !== 'false') throw badRequest('paused must be true or false');
  let afterKey: TargetListQuery['after'] = null;
  if (after !== undefined) {
    const values = opaqueCursor.decode(after);
    if (!values || values.length !== 2 || !isSource(values[0]) || typeof values[1] !== 'string') throw badRequest('after is not a cursor this API gave');
    afterKey = { source: values[0], subscriptionId: values[1] };
  }
  return {
    source: source ?? null, paused: paused === undefined ? null : paused === 'true', after: afterKey,
    limit: parseLimit(limit, SUBSCRIPTION_PAGE_MAX, SUBSCRIPTION_PAGE_DEFAULT),
  };
}

/** The `after` of the page following one that ended with this subscription. */
export function subscriptionCursor(source: SubscriptionSource, subscriptionId: string): string {
  return opaqueCursor.encode([source, subscriptionId]);
}

function badRequest(message: string): ServiceException {
  return new ServiceException(ServiceErrorCode.BadRequest, message);
}
