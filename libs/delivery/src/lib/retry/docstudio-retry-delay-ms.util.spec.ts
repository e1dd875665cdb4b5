import { docstudioRetryDelayMs } from './docstudio-retry-delay-ms.util';
import { DEFAULT_RETRY_SCHEDULE } from './retry.constants';
import type { RetrySchedule } from './retry-schedule.types';

const exponential: RetrySchedule = { kind: 'exponential', baseMs: 5_000, factor: 2, maxMs: 60_000, jitter: 0.2 };
const noJitter: RetrySchedule = { ...exponential, jitter: 0 };
const fullJitter: RetrySchedule = { ...exponential, jitter: 1 };
const list: RetrySchedule = { kind: 'list', delaysMs: [5_000, 30_000, 120_000] };
const ALMOST_ONE = 1 - Number.EPSILON;

describe('docstudioRetryDelayMs', () => {
  it.each<[string, number, RetrySchedule, number, number]>([
    ['exponential, random=0 → nominal', 1, exponential, 0, 5_000],
    ['exponential, random=0 → nominal', 2, exponential, 0, 10_000],
    ['exponential, random=0 → nominal', 3, exponential, 0, 20_000],
    ['exponential, random=0 → nominal', 4, exponential, 0, 40_000],
    ['exponential, capped at max', 5, exponential, 0, 60_000],
    ['exponential, capped at max', 10, exponential, 0, 60_000],
    ['exponential, huge n does not overflow', 5000, exponential, 0, 60_000],
    ['exponential, random≈1 → nominal · (1 − jitter)', 1, exponential, ALMOST_ONE, 4_000],
    ['exponential, random≈1 → nominal · (1 − jitter)', 3, exponential, ALMOST_ONE, 16_000],
    ['exponential, random≈1 on the cap', 9, exponential, ALMOST_ONE, 48_000],
    ['exponential, random=0.5 → halfway', 2, exponential, 0.5, 9_000],
    ['no jitter ignores random', 2, noJitter, 0.9, 10_000],
    ['full jitter, random≈1 → ≈0', 4, fullJitter, ALMOST_ONE, 0],
    ['default schedule, retry 1', 1, DEFAULT_RETRY_SCHEDULE, 0, 5_000],
    ['default schedule, retry 10', 10, DEFAULT_RETRY_SCHEDULE, 0, 2_560_000],
    ['default schedule, retry 11 hits 1 h', 11, DEFAULT_RETRY_SCHEDULE, 0, 3_600_000],
    ['list, first', 1, list, 0.7, 5_000],
    ['list, last', 3, list, 0.7, 120_000],
    ['list, past the end repeats the last', 7, list, 0.7, 120_000],
  ])('%s: retry %i', (_label, n, schedule, random, expected) => {
    expect(docstudioRetryDelayMs(n, schedule, () => random)).toBe(expected);
  });

  it('stays within [nominal · (1 − jitter), nominal] for any random value', () => {
    for (let i = 0; i < 1000; i++) {
      const delay = docstudioRetryDelayMs(3, exponential, Math.random);
      expect(delay).toBeGreaterThanOrEqual(16_000);
      expect(delay).toBeLessThanOrEqual(20_000);
    }
  });

  it.each([0, -1, 1.5])('retry number %p is a RangeError', (n) => {
    expect(() => docstudioRetryDelayMs(n, exponential, () => 0)).toThrow(RangeError);
  });

  it.each([1, -0.1, NaN])('random() returning %p is a RangeError', (value) => {
    expect(() => docstudioRetryDelayMs(1, exponential, () => value)).toThrow('random() must return a number in [0, 1)');
  });
});
