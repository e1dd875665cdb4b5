// Date part, then optionally a time (after "T" or one space) with optional fraction and zone.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** A half-open interval of time: `from` ≤ t < `until`. */
export interface DateTimeSpan {
  readonly from: Date;
  readonly until: Date;
}

const DAY_MS = 86_400_000;

/**
 * Parses the two timestamp spellings our APIs accept, strictly, into the period the text names: a
 * value stands for its whole last written unit, because that is how the APIs print them. Conpeek shows
 * `created_date` as `2026-11-29 18:48:21` for a record created at 18:48:21.700, so that text is the
 * second [18:48:21.000, 18:48:22.000); `18:48` is a minute, a date alone a day (from midnight in its
 * zone, UTC without one), and a fraction a millisecond (digits past the third are dropped).
 *
 * Spellings: Conpeek's `YYYY-MM-DD HH:mm:ss` (always UTC) and ISO 8601 (`2019-08-28T13:34:16.42Z`, with
 * an optional offset). A time without a zone means UTC, because every date our APIs print is UTC.
 * `Date.parse` is not used: it is lenient in engine-specific ways (it rolls `2021-02-30` over into
 * March and reads zone-less times as local time), and a filter must never silently mean another date.
 * Returns `null` for anything else, including impossible dates such as `2021-13-40 25:00:00`.
 */
export function parseDateTimeSpan(text: string): DateTimeSpan | null {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, zone = 'Z'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? '0');
  const minute = Number(mi ?? '0');
  const second = Number(s ?? '0');
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = Number((fraction ?? '').padEnd(3, '0').slice(0, 3));

  const offsetMinutes = parseZone(zone);
  if (offsetMinutes === null) return null;

  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0..99 onto 1900..1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  const from = date.getTime() - offsetMinutes * 60_000;
  const unit = fraction !== undefined ? 1 : s !== undefined ? 1_000 : mi !== undefined ? 60_000 : DAY_MS;
  return { from: new Date(from), until: new Date(from + unit) };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parseZone(zone: string): number | null {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}
