import { parseDateTime } from '../shared/parse-date-time.util';

/** Entities hold timestamps as Date, ISO string or epoch millis depending on where they came from. */
export function toEpochMillis(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return parseDateTime(value)?.getTime();
  return undefined;
}
