import { parseLimit } from '../shared/parse-limit.parser';
import { readQueryString } from '../shared/read-query-string.util';
import { decodeDeliveryCursor } from './delivery-cursor.codec';
import { DeliveryCursor, DeliveryFilter } from './delivery-filter.types';
import { parseDeliveryFilter } from './parse-delivery-filter.parser';

export const DELIVERY_LOG_LIMITS = { defaultLimit: 50, maxLimit: 200 } as const;

export interface DeliveryLogQuery {
  filter: DeliveryFilter;
  /** Null: the first (newest) page. */
  before: DeliveryCursor | null;
  limit: number;
}

/** `GET /hookrelay/v1/deliveries` query string: the shared filter, `limit` 1..200 (50), the `before` cursor. */
export function parseDeliveryLogQuery(raw: Readonly<Record<string, unknown>>): DeliveryLogQuery {
  const before = readQueryString(raw['before'], 'before');
  return {
    filter: parseDeliveryFilter(raw),
    before: before === undefined ? null : decodeDeliveryCursor(before),
    limit: parseLimit(raw['limit'], DELIVERY_LOG_LIMITS),
  };
}
