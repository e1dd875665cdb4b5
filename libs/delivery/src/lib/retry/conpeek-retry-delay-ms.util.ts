import { assertConpeekRetryConfig } from './assert-conpeek-retry-config.util';
import { assertRetryNumber } from './assert-retry-number.util';
import type { ConpeekRetryConfig } from './conpeek-retry.types';
import { MAX_RETRY_DELAY_MS } from './retry.constants';

/**
 * Delay before Conpeek retry n: `constant` = retry_value; `linear` = retry_value + (n−1)·backoff_value;
 * `multiplier` = retry_value·backoff_value^(n−1). Seconds in, whole milliseconds out, capped at
 * {@link MAX_RETRY_DELAY_MS} so a long multiplier chain cannot overflow into a date years away.
 */
export function conpeekRetryDelayMs(retryNumber: number, config: ConpeekRetryConfig): number {
  assertRetryNumber(retryNumber);
  assertConpeekRetryConfig(config);
  const { retry_value, backoff_type, backoff_value } = config;
  const steps = retryNumber - 1;
  const seconds =
    backoff_type === 'constant'
      ? retry_value
      : backoff_type === 'linear'
        ? retry_value + steps * backoff_value
        : retry_value * backoff_value ** steps;
  return Math.min(MAX_RETRY_DELAY_MS, Math.round(seconds * 1000));
}
