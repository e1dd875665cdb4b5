import { parseEnvelopeTimestamp } from './parse-envelope-timestamp.util';

describe('parseEnvelopeTimestamp', () => {
  it.each<[string | number, number | null]>([
    [1676039226765, 1676039226765],
    [0, 0],
    ['2023-02-16T12:34:26.606Z', Date.UTC(2023, 1, 16, 12, 34, 26, 606)],
    ['2023-02-16T14:34:26.606+02:00', Date.UTC(2023, 1, 16, 12, 34, 26, 606)],
    ['2023-02-16T12:34:26', Date.UTC(2023, 1, 16, 12, 34, 26)],
    ['2023-02-16', Date.UTC(2023, 1, 16)],
    [-1, null],
    [1.5, null],
    [Number.NaN, null],
    [Number.MAX_VALUE, null],
    [8.64e15, 8.64e15],
    [8.64e15 + 1, null],
    [Number.MAX_SAFE_INTEGER, null],
    ['1676039226765', null],
    ['2023-02-30T00:00:00Z', null],
    ['16.02.2023', null],
    ['', null],
  ])('%j → %j', (value, expected) => {
    expect(parseEnvelopeTimestamp(value)).toBe(expected);
  });
});
