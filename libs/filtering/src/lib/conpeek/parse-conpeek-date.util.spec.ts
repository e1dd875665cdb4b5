import { parseConpeekDate } from './parse-conpeek-date.util';

describe('parseConpeekDate', () => {
  it.each<[string, string | null]>([
    ['2021-12-05 14:00:00', '2021-12-05T14:00:00.000Z'],
    ['2021-12-05T14:00:00Z', '2021-12-05T14:00:00.000Z'],
    ['2021-12-05T15:00:00.5+01:00', '2021-12-05T14:00:00.500Z'],
    ['2021-12-05', '2021-12-05T00:00:00.000Z'],
    ['2021-13-40 25:00:00', null],
    ['2021-12-05 14:00:00 UTC', null],
    ['5 Dec 2021', null],
  ])('%j → %j', (text, iso) => {
    expect(parseConpeekDate(text)?.toISOString() ?? null).toBe(iso);
  });
});
