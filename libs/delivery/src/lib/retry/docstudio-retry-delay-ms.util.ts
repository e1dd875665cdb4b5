import { assertRetryNumber } from './assert-retry-number.util';
import type { RetrySchedule } from './retry-schedule.types';

/**
 * Delay before DocStudio retry n on `schedule`. `random` returns a number in [0, 1) (Math.random in
 * production, a constant in tests): 0 gives the full nominal delay, values near 1 shorten it by `jitter`.
 * Jitter only ever shortens, so `max` stays a true upper bound.
 */
export function docstudioRetryDelayMs(retryNumber: number, schedule: RetrySchedule, random: () => number): number {
  assertRetryNumber(retryNumber);
  if (schedule.kind === 'list') {
    return schedule.delaysMs[Math.min(retryNumber, schedule.delaysMs.length) - 1] ?? 0;
  }
  const nominal = Math.min(schedule.maxMs, schedule.baseMs * schedule.factor ** (retryNumber - 1));
  const share = random();
  if (!(share >= 0 && share < 1)) throw new RangeError(`random() must return a number in [0, 1); got ${share}`);
  return Math.round(nominal * (1 - schedule.jitter * share));
}
