import { DeliverySettingError } from '../delivery-setting.error';
import { assertConpeekRetryConfig } from './assert-conpeek-retry-config.util';
import type { ConpeekRetrySettings } from './conpeek-retry.types';

/** Attempts in total, first included: 1 when `retry_enabled` is 0, else 1 + `max_retries`. */
export function conpeekMaxAttempts({ retry_enabled, retry_config }: ConpeekRetrySettings): number {
  if (retry_enabled === 0) return 1;
  if (retry_enabled !== 1) {
    throw new DeliverySettingError('retryPolicy', `retry_enabled must be 0 or 1; got ${String(retry_enabled)}`);
  }
  if (retry_config === undefined || retry_config === null) {
    throw new DeliverySettingError('retryPolicy', 'retry_enabled is 1 but retry_config is missing');
  }
  assertConpeekRetryConfig(retry_config);
  return 1 + retry_config.max_retries;
}
