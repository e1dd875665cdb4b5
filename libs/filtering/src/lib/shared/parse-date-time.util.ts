// Date part, then optionally a time (after "T" or one space) with optional fraction and zone.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Parses the two timestamp spellings our APIs accept, strictly:
 * Conpeek's `YYYY-MM-DD HH:mm:ss` (always UTC) and ISO 8601 (`2019-08-28T13:34:16.42Z`, with an
 * optional offset). A date alone means midnight UTC; a time without a zone means UTC, because every
 * date our APIs print is UTC.
 *
 * `Date.parse` is not used: it is lenient in engine-specific ways (it rolls `2021-02-30` over into
 * March and reads zone-less times as local time), and a filter must never silently mean another date.
 * Returns `null` for anything else, including impossible dates such as `2021-13-40 25:00:00`.
 */
export function parseDateTime(text: string): Date | null {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));

  const offsetMinutes = parseZone(zone);
  if (offsetMinutes === null) return null;

  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0..99 onto 1900..1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  return new Date(date.getTime() - offsetMinutes * 60_000);
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
