import { DeliverySettingError } from '../delivery-setting.error';
import { docstudioRetryDelayMs } from './docstudio-retry-delay-ms.util';
import { DEFAULT_RETRY_SCHEDULE, DOCSTUDIO_MAX_RETRIES } from './retry.constants';
import type { RetryPolicy } from './retry-policy.types';
import type { RetrySchedule } from './retry-schedule.types';

/** An envelope callback's retry settings plus the operator's schedule. */
export interface DocstudioRetryOptions {
  /** The callback's `retries`: 0..10, 0 = one attempt, no retry. */
  readonly retries: number;
  /** The parsed `CALLBACK_RETRY_SCHEDULE`; {@link DEFAULT_RETRY_SCHEDULE} when not configured. */
  readonly schedule?: RetrySchedule;
  /** Source of jitter, [0, 1); Math.random unless a test pins it. */
  readonly random?: () => number;
}

/** The {@link RetryPolicy} of a DocStudio envelope callback: `retries + 1` attempts on the schedule. */
export function docstudioRetryPolicy({
  retries,
  schedule = DEFAULT_RETRY_SCHEDULE,
  random = Math.random,
}: DocstudioRetryOptions): RetryPolicy {
  if (!Number.isSafeInteger(retries) || retries < 0 || retries > DOCSTUDIO_MAX_RETRIES) {
    throw new DeliverySettingError(
      'retryPolicy',
      `retries must be an integer from 0 to ${DOCSTUDIO_MAX_RETRIES}; got ${retries}`,
    );
  }
  return {
    maxAttempts: retries + 1,
    delayMs: (retryNumber) => docstudioRetryDelayMs(retryNumber, schedule, random),
  };
}
