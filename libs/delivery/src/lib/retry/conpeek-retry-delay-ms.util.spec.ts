import { catchDeliverySettingError } from '../../testing/catch-delivery-setting-error';
import { conpeekRetryDelayMs } from './conpeek-retry-delay-ms.util';
import type { ConpeekBackoffType, ConpeekRetryConfig } from './conpeek-retry.types';

const config = (backoff_type: ConpeekBackoffType, retry_value: number, backoff_value: number): ConpeekRetryConfig => ({
  retry_value,
  max_retries: 5,
  backoff_type,
  backoff_value,
});

describe('conpeekRetryDelayMs', () => {
  it.each<[string, ConpeekRetryConfig, number[]]>([
    ['constant 10 s', config('constant', 10, 7), [10_000, 10_000, 10_000]],
    ['linear 10/5', config('linear', 10, 5), [10_000, 15_000, 20_000]],
    ['linear 10/0', config('linear', 10, 0), [10_000, 10_000, 10_000]],
    ['multiplier 10/2 (the seed example)', config('multiplier', 10, 2), [10_000, 20_000, 40_000]],
    ['multiplier 1/1.5', config('multiplier', 1, 1.5), [1_000, 1_500, 2_250]],
    ['multiplier 10/1 stays constant', config('multiplier', 10, 1), [10_000, 10_000, 10_000]],
    ['fractional retry_value 0.1 s, constant', config('constant', 0.1, 0), [100, 100, 100]],
    ['fractional retry_value 0.1 s, linear 0.2', config('linear', 0.1, 0.2), [100, 300, 500]],
    ['fractional retry_value 0.1 s, multiplier 3', config('multiplier', 0.1, 3), [100, 300, 900]],
    ['retry_value 0 → immediate', config('multiplier', 0, 2), [0, 0, 0]],
  ])('%s → retries 1..3', (_label, retryConfig, expected) => {
    expect([1, 2, 3].map((n) => conpeekRetryDelayMs(n, retryConfig))).toEqual(expected);
  });

  it.each<[string, ConpeekRetryConfig, number, number]>([
    ['multiplier 10/2, retry 14 is just under 24 h', config('multiplier', 10, 2), 14, 81_920_000],
    ['multiplier 10/2, retry 15 is capped at 24 h', config('multiplier', 10, 2), 15, 86_400_000],
    ['multiplier 10/2, retry 5000 does not overflow', config('multiplier', 10, 2), 5000, 86_400_000],
    ['linear 3600/3600, retry 30 is capped at 24 h', config('linear', 3600, 3600), 30, 86_400_000],
  ])('%s', (_label, retryConfig, n, expected) => {
    expect(conpeekRetryDelayMs(n, retryConfig)).toBe(expected);
  });

  it.each([0, -1, 1.5])('retry number %p is a RangeError', (n) => {
    expect(() => conpeekRetryDelayMs(n, config('constant', 10, 0))).toThrow(RangeError);
  });

  it.each<[string, ConpeekRetryConfig, string]>([
    ['negative retry_value', config('constant', -1, 0), 'retry_value must be a number of seconds ≥ 0'],
    ['NaN retry_value', config('constant', NaN, 0), 'retry_value must be a number of seconds ≥ 0'],
    ['negative backoff_value', config('linear', 10, -5), 'backoff_value must be a number ≥ 0'],
    ['unknown backoff_type', { ...config('constant', 10, 0), backoff_type: 'fibonacci' as ConpeekBackoffType }, 'backoff_type must be one of constant, linear, multiplier'],
    ['fractional max_retries', { ...config('constant', 10, 0), max_retries: 1.5 }, 'max_retries must be an integer ≥ 0'],
  ])('%s is refused', (_label, retryConfig, message) => {
    const error = catchDeliverySettingError(() => conpeekRetryDelayMs(1, retryConfig));
    expect(error.setting).toBe('retryPolicy');
    expect(error.message).toContain(message);
  });
});
