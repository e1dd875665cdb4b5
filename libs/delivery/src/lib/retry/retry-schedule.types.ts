/**
 * Delay before retry n = min(maxMs, baseMs · factor^(n−1)), then shortened by a random share of up to
 * `jitter` (0..1) so that receivers recovering from an outage are not hit by every retry at once.
 */
export interface ExponentialRetrySchedule {
  readonly kind: 'exponential';
  readonly baseMs: number;
  readonly factor: number;
  readonly maxMs: number;
  readonly jitter: number;
}

/** Delay before retry n = delaysMs[n−1]; retries past the end reuse the last delay. No jitter. */
export interface ListRetrySchedule {
  readonly kind: 'list';
  readonly delaysMs: readonly number[];
}

/** A parsed `CALLBACK_RETRY_SCHEDULE`. */
export type RetrySchedule = ExponentialRetrySchedule | ListRetrySchedule;
