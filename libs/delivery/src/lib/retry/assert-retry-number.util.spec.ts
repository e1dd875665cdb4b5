import { assertRetryNumber } from './assert-retry-number.util';

describe('assertRetryNumber', () => {
  it.each([1, 2, 10, 1000])('%p is a retry number', (n) => {
    expect(() => assertRetryNumber(n)).not.toThrow();
  });

  it.each([0, -1, 1.5, NaN, Infinity])('%p is not', (n) => {
    expect(() => assertRetryNumber(n)).toThrow(RangeError);
  });
});
