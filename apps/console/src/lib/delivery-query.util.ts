import {
  APPLICATION_STATES, CLOSE_REASONS, SOURCES, STATES, type DeliveryFilter,
} from '../api/console-api.types';

/** The fields of the delivery filter, in the order the form shows them and the URL carries them. */
export const FILTER_FIELDS = ['id', 'subscription_id', 'source', 'state', 'application_state', 'close_reason', 'created_from', 'created_to'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

const ENUMS: Partial<Record<FilterField, readonly string[]>> = {
  source: SOURCES, state: STATES, application_state: APPLICATION_STATES, close_reason: CLOSE_REASONS,
};

/**
 * The delivery filter a URL's query string describes (the console keeps filters in the address, so a filtered
 * log can be bookmarked and the bulk-replay form prefilled). Unknown names, empty values and enum values the API
 * does not know are dropped rather than sent to fail.
 */
export function filterFromSearch(search: string): DeliveryFilter {
  const params = new URLSearchParams(search);
  const filter: Record<string, string> = {};
  for (const field of FILTER_FIELDS) {
    const value = params.get(field)?.trim();
    if (!value) continue;
    const allowed = ENUMS[field];
    if (allowed && !allowed.includes(value)) continue;
    filter[field] = value;
  }
  return filter as DeliveryFilter;
}

/** The query string ("?a=b", or "") of a filter, fields in FILTER_FIELDS order, empty ones left out. */
export function searchFromFilter(filter: DeliveryFilter): string {
  const params = new URLSearchParams();
  for (const field of FILTER_FIELDS) {
    const value = filter[field];
    if (value) params.set(field, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A bulk replay takes the log's filter without the exact id (replaying one delivery has its own button). */
export function replayFilterOf(filter: DeliveryFilter): Omit<DeliveryFilter, 'id'> {
  const { id: _id, ...rest } = filter;
  return rest;
}

/**
 * A datetime-local input's value ("2026-11-30T10:00", read as UTC like every time on the console) as the ISO
 * string the API takes; "" stays "" and an ISO string passes through.
 */
export function isoFromLocalInput(value: string): string {
  if (!value) return '';
  if (/Z$|[+-]\d\d:\d\d$/.test(value)) return new Date(value).toISOString();
  const date = new Date(`${value.length === 16 ? `${value}:00` : value}Z`);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/** The reverse of isoFromLocalInput: the "YYYY-MM-DDTHH:mm" a datetime-local input shows for an ISO time. */
export function localInputFromIso(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 16);
}

/** A stable idempotency key for "replay this filter": pressing twice sends the same key. */
export function replayIdempotencyKey(filter: Omit<DeliveryFilter, 'id'>, now: Date): string {
  const text = `${searchFromFilter(filter)}|${now.toISOString().slice(0, 16)}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `console-replay-${hash.toString(16).padStart(8, '0')}`;
}
