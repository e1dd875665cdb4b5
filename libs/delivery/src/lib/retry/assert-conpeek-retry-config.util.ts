import { DeliverySettingError } from '../delivery-setting.error';
import type { ConpeekRetryConfig } from './conpeek-retry.types';

const BACKOFF_TYPES: readonly string[] = ['constant', 'linear', 'multiplier'];

/** Stored settings are validated at the API, but a bad row must stop here rather than yield NaN dates. */
export function assertConpeekRetryConfig(config: ConpeekRetryConfig): void {
  const problem = findProblem(config);
  if (problem !== undefined) throw new DeliverySettingError('retryPolicy', `invalid Conpeek retry_config: ${problem}`);
}

function findProblem(config: ConpeekRetryConfig): string | undefined {
  const { retry_value, max_retries, backoff_type, backoff_value } = config;
  if (!(Number.isFinite(retry_value) && retry_value >= 0)) {
    return `retry_value must be a number of seconds ≥ 0; got ${retry_value}`;
  }
  if (!(Number.isSafeInteger(max_retries) && max_retries >= 0)) {
    return `max_retries must be an integer ≥ 0; got ${max_retries}`;
  }
  if (!BACKOFF_TYPES.includes(backoff_type)) {
    return `backoff_type must be one of ${BACKOFF_TYPES.join(', ')}; got ${String(backoff_type)}`;
  }
  if (!(Number.isFinite(backoff_value) && backoff_value >= 0)) {
    return `backoff_value must be a number ≥ 0; got ${backoff_value}`;
  }
  return undefined;
}
