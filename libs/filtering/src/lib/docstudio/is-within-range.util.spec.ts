import { isWithinRange } from './is-within-range.util';

describe('isWithinRange', () => {
  it.each<[number | null, number | null, number | null, boolean]>([
    [5, null, null, true],
    [null, null, null, true],
    [5, 5, 5, true],
    [5, 1, 10, true],
    [5, 6, null, false],
    [5, null, 4, false],
    [5, 5, null, true],
    [5, null, 5, true],
    [null, 1, null, false],
    [null, null, 1, false],
  ])('%j within [%j, %j] → %j', (value, from, to, expected) => {
    expect(isWithinRange(value, from, to)).toBe(expected);
  });
});
