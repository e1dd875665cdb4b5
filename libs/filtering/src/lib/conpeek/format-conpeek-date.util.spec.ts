import { formatConpeekDate } from './format-conpeek-date.util';
import { parseConpeekDate } from './parse-conpeek-date.util';

describe('formatConpeekDate', () => {
  it.each<[Date, string]>([
    [new Date('2021-12-05T14:00:00Z'), '2021-12-05 14:00:00'],
    [new Date('2019-08-28T13:34:16.42Z'), '2019-08-28 13:34:16'],
    [new Date('2021-01-02T03:04:05+02:00'), '2021-01-02 01:04:05'],
    [new Date(0), '1970-01-01 00:00:00'],
    [new Date('9999-12-31T23:59:59.999Z'), '9999-12-31 23:59:59'],
  ])('%s → %j', (date, expected) => {
    expect(formatConpeekDate(date)).toBe(expected);
  });

  it.each<[string, Date]>([
    ['an invalid Date', new Date('nope')],
    ['a year past 9999', new Date('+010000-01-01T00:00:00Z')],
    ['a negative year', new Date('-000001-01-01T00:00:00Z')],
  ])('refuses %s', (_label, date) => {
    expect(() => formatConpeekDate(date)).toThrow(RangeError);
  });

  it('round-trips through parseConpeekDate at second precision', () => {
    const text = '2024-02-29 23:59:59';
    expect(formatConpeekDate(parseConpeekDate(text) ?? new Date(NaN))).toBe(text);
  });
});
