import { ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { opaqueCursor } from '../paging/opaque-cursor.util';
import { parseLimit } from '../paging/parse-limit.parser';

export const EVENT_PAGE_MAX = 200;
export const EVENT_PAGE_DEFAULT = 50;

export interface OperationalEventListQuery {
  limit: number;
  before: { occurredAt: number; id: string } | null;
}

/** GET /hookrelay/v1/operational-events' query; a bad value is a 400 naming its parameter. */
export function parseOperationalEventListQuery(query: Partial<Record<string, string>>): OperationalEventListQuery {
  let before: OperationalEventListQuery['before'] = null;
  if (query['before'] !== undefined) {
    const values = opaqueCursor.decode(query['before']);
    if (!values || values.length !== 2 || !Number.isSafeInteger(values[0]) || typeof values[1] !== 'string') {
      throw new ServiceException(ServiceErrorCode.BadRequest, 'before is not a cursor this API gave');
    }
    before = { occurredAt: values[0] as number, id: values[1] };
  }
  return { limit: parseLimit(query['limit'], EVENT_PAGE_MAX, EVENT_PAGE_DEFAULT), before };
}

/** The `before` of the page following one that ended with this event. */
export function operationalEventCursor(occurredAt: number, id: string): string {
  return opaqueCursor.encode([occurredAt, id]);
}
