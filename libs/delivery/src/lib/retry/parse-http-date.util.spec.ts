import { parseHttpDate } from './parse-http-date.util';

const now = new Date('2024-05-01T12:00:00Z');

describe('parseHttpDate', () => {
  it.each<[string, string | null]>([
    ['Sun, 06 Nov 1994 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
    ['Wed, 01 May 2024 12:02:00 GMT', '2024-05-01T12:02:00.000Z'],
    ['Sunday, 06-Nov-94 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
    ['Thursday, 02-May-24 00:00:00 GMT', '2024-05-02T00:00:00.000Z'],
    ['Friday, 01-Jan-70 00:00:00 GMT', '2070-01-01T00:00:00.000Z'],
    ['Sun Nov  6 08:49:37 1994', '1994-11-06T08:49:37.000Z'],
    ['Thu May 16 08:49:37 2024', '2024-05-16T08:49:37.000Z'],
    ['Thu, 30 Feb 2024 00:00:00 GMT', null],
    ['Thu, 01 May 2024 24:00:00 GMT', null],
    ['Thu, 01 May 2024 12:00:60 GMT', null],
    ['Wed, 01 May 2024 12:02:00 UTC', null],
    ['Wed, 01 May 2024 12:02:00 +0000', null],
    ['wed, 01 may 2024 12:02:00 GMT', null],
    ['Wed, 1 May 2024 12:02:00 GMT', null],
    ['2024-05-01T12:02:00Z', null],
    ['2024', null],
    ['1', null],
    ['', null],
  ])('%j → %j', (text, iso) => {
    expect(parseHttpDate(text, now)?.toISOString() ?? null).toBe(iso);
  });
});
