import { parseDateTimeSpan } from './parse-date-time-span.util';

/**
 * The instant a timestamp text starts at (see parseDateTimeSpan for the spellings): a date alone means
 * midnight UTC, a time without a zone UTC. `null` for anything else, impossible dates included.
 */
export function parseDateTime(text: string): Date | null {
  return parseDateTimeSpan(text)?.from ?? null;
}
