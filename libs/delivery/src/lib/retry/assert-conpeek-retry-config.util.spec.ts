import { catchDeliverySettingError } from '../../testing/catch-delivery-setting-error';
import { assertConpeekRetryConfig } from './assert-conpeek-retry-config.util';
import type { ConpeekRetryConfig } from './conpeek-retry.types';

const valid: ConpeekRetryConfig = { retry_value: 10, max_retries: 3, backoff_type: 'multiplier', backoff_value: 2 };

describe('assertConpeekRetryConfig', () => {
  it.each<[string, ConpeekRetryConfig]>([
    ['the seed example', valid],
    ['zero everything', { retry_value: 0, max_retries: 0, backoff_type: 'constant', backoff_value: 0 }],
    ['fractional seconds', { retry_value: 0.1, max_retries: 1, backoff_type: 'linear', backoff_value: 0.5 }],
  ])('%s passes', (_label, config) => {
    expect(() => assertConpeekRetryConfig(config)).not.toThrow();
  });

  it.each<[string, Partial<Record<keyof ConpeekRetryConfig, unknown>>, string]>([
    ['retry_value -1', { retry_value: -1 }, 'retry_value must be a number of seconds ≥ 0; got -1'],
    ['retry_value Infinity', { retry_value: Infinity }, 'retry_value'],
    ['retry_value "10"', { retry_value: '10' }, 'retry_value'],
    ['max_retries 2.5', { max_retries: 2.5 }, 'max_retries must be an integer ≥ 0; got 2.5'],
    ['max_retries -1', { max_retries: -1 }, 'max_retries'],
    ['backoff_type "exponential"', { backoff_type: 'exponential' }, 'backoff_type must be one of constant, linear, multiplier; got exponential'],
    ['backoff_value NaN', { backoff_value: NaN }, 'backoff_value must be a number ≥ 0; got NaN'],
  ])('%s is refused', (_label, change, message) => {
    const error = catchDeliverySettingError(() => assertConpeekRetryConfig({ ...valid, ...change } as ConpeekRetryConfig));
    expect(error.setting).toBe('retryPolicy');
    expect(error.message).toContain(`invalid Conpeek retry_config: ${message}`);
  });
});
