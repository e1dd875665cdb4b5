import { retryAfterMs } from './retry-after-ms.util';

const now = new Date('2024-05-01T12:00:00Z');
const bounds = { maxMs: 3_600_000 };

describe('retryAfterMs', () => {
  it.each<[string | undefined, number | null]>([
    ['120', 120_000],
    [' 120 ', 120_000],
    ['0', 0],
    ['3600', 3_600_000],
    ['3601', 3_600_000],
    ['99999999999999999999', 3_600_000],
    ['Wed, 01 May 2024 12:02:00 GMT', 120_000],
    ['Wednesday, 01-May-24 12:00:30 GMT', 30_000],
    ['Wed May  1 12:00:10 2024', 10_000],
    ['Wed, 01 May 2024 11:00:00 GMT', 0],
    ['Sun, 06 Nov 1994 08:49:37 GMT', 0],
    ['Thu, 01 Jan 2099 00:00:00 GMT', 3_600_000],
    [undefined, null],
    ['', null],
    ['   ', null],
    ['-5', null],
    ['1.5', null],
    ['120s', null],
    ['soon', null],
    ['2024-05-01T12:02:00Z', null],
    ['Thu, 30 Feb 2024 00:00:00 GMT', null],
  ])('%j → %j', (header, expected) => {
    expect(retryAfterMs(header, now, bounds)).toBe(expected);
  });

  it('maxMs 0 turns every valid value into 0', () => {
    expect(retryAfterMs('120', now, { maxMs: 0 })).toBe(0);
  });

  it.each([-1, NaN, Infinity])('maxMs %p is a RangeError', (maxMs) => {
    expect(() => retryAfterMs('1', now, { maxMs })).toThrow(RangeError);
  });
});
