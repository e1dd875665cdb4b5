import { isInt32 } from './is-int32.util';

describe('isInt32', () => {
  it.each<[unknown, boolean]>([
    [0, true],
    [5000, true],
    [-2_147_483_648, true],
    [2_147_483_647, true],
    [2_147_483_648, false],
    [-2_147_483_649, false],
    [2500.5, false],
    [1e300, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    ['5', false],
    [null, false],
  ])('%j → %s', (value, expected) => {
    expect(isInt32(value)).toBe(expected);
  });
});
