import type { ExponentialRetrySchedule } from './retry-schedule.types';

/** No single retry delay exceeds one day, whatever the configuration says (keeps dates and timers sane). */
export const MAX_RETRY_DELAY_MS = 24 * 60 * 60 * 1000;

/** DocStudio `retries` is 0..10 inclusive; 0 means one attempt and no retry. */
export const DOCSTUDIO_MAX_RETRIES = 10;

/** The default of `CALLBACK_RETRY_SCHEDULE` (CommonEnv) parsed: 5 s, 10 s, 20 s, … capped at 1 h, each up to 20 % shorter. */
export const DEFAULT_RETRY_SCHEDULE: ExponentialRetrySchedule = Object.freeze({
  kind: 'exponential',
  baseMs: 5_000,
  factor: 2,
  maxMs: 60 * 60 * 1000,
  jitter: 0.2,
});
