import { parseDateTime } from '../shared/parse-date-time.util';

/**
 * An envelope date as DocStudio clients send it: UNIX milliseconds (a non-negative integer a Date can
 * hold, at most 8.64e15, as the callback payload carries them) or an ISO 8601 date-time (read strictly; no zone means UTC). Returns
 * epoch milliseconds, or `null` for anything else, impossible dates included.
 */
export function parseEnvelopeTimestamp(value: string | number): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 && !Number.isNaN(new Date(value).getTime()) ? value : null;
  return parseDateTime(value)?.getTime() ?? null;
}
