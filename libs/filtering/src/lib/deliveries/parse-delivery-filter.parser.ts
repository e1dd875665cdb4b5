import { FilterQueryParam, FilterSyntaxError } from '../filter-syntax.error';
import { describeValue } from '../shared/describe-value.util';
import { parseDateTime } from '../shared/parse-date-time.util';
import { readQueryString } from '../shared/read-query-string.util';
import { DELIVERY_FILTER_VALUES, DeliveryFilter } from './delivery-filter.types';

/** Ids are time-ordered UUIDs, subscription ids at most 64 characters (the column widths). */
const MAX_ID_LENGTH = 64;
const FILTER_NAMES = ['state', 'application_state', 'source', 'close_reason', 'subscription_id', 'id', 'created_from', 'created_to'] as const;
type FilterName = (typeof FILTER_NAMES)[number];

/**
 * The delivery-log filter from raw values: query-string text (`GET /deliveries`) or a JSON body's values
 * (`POST /replays`, where a date may also be a number). Unknown names are refused only when `strict` (a
 * JSON filter object: a typo there would silently widen a bulk replay); a query string carries other
 * parameters (limit, before) the caller reads itself. Every error names its parameter.
 */
export function parseDeliveryFilter(raw: Readonly<Record<string, unknown>>, options: { strict?: boolean } = {}): DeliveryFilter {
  if (options.strict) {
    const unknown = Object.keys(raw).filter((name) => !(FILTER_NAMES as readonly string[]).includes(name));
    if (unknown.length > 0) throw new FilterSyntaxError('filter', `unknown filter ${describeValue(unknown[0])}; known: ${FILTER_NAMES.join(', ')}`);
  }
  const filter: DeliveryFilter = {
    state: oneOf(raw, 'state'),
    applicationState: oneOf(raw, 'application_state'),
    source: oneOf(raw, 'source'),
    closeReason: oneOf(raw, 'close_reason'),
    subscriptionId: identifier(raw, 'subscription_id'),
    id: identifier(raw, 'id'),
    createdFrom: instant(raw, 'created_from'),
    createdTo: instant(raw, 'created_to'),
  };
  if (filter.createdFrom !== undefined && filter.createdTo !== undefined && filter.createdFrom > filter.createdTo) {
    throw new FilterSyntaxError('created_from', 'created_from must not be after created_to');
  }
  // Absent parts are left out, so two equal filters serialize (and hash) the same.
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) as DeliveryFilter;
}

function text(raw: Readonly<Record<string, unknown>>, name: FilterName): string | undefined {
  const value = raw[name];
  if (typeof value === 'number') return String(value);
  return readQueryString(value, name);
}

function oneOf<K extends keyof typeof DELIVERY_FILTER_VALUES>(raw: Readonly<Record<string, unknown>>, name: K): (typeof DELIVERY_FILTER_VALUES)[K][number] | undefined {
  const value = text(raw, name);
  if (value === undefined) return undefined;
  const allowed: readonly string[] = DELIVERY_FILTER_VALUES[name];
  if (!allowed.includes(value)) throw new FilterSyntaxError(name, `${name} must be one of ${allowed.join(', ')}; got ${describeValue(value)}`);
  return value as (typeof DELIVERY_FILTER_VALUES)[K][number];
}

function identifier(raw: Readonly<Record<string, unknown>>, name: FilterQueryParam & FilterName): string | undefined {
  const value = text(raw, name);
  if (value !== undefined && value.length > MAX_ID_LENGTH) throw new FilterSyntaxError(name, `${name} must be at most ${MAX_ID_LENGTH} characters`);
  return value;
}

/** ISO-8601 (a date alone is midnight UTC) or epoch milliseconds. */
function instant(raw: Readonly<Record<string, unknown>>, name: FilterName): number | undefined {
  const value = text(raw, name);
  if (value === undefined) return undefined;
  const ms = /^\d{1,15}$/.test(value) ? Number(value) : parseDateTime(value)?.getTime();
  if (ms === undefined || !Number.isSafeInteger(ms)) {
    throw new FilterSyntaxError(name, `${name} must be an ISO-8601 date-time or epoch milliseconds; got ${describeValue(value)}`);
  }
  return ms;
}
