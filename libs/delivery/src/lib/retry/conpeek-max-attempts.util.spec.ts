import { catchDeliverySettingError } from '../../testing/catch-delivery-setting-error';
import { conpeekMaxAttempts } from './conpeek-max-attempts.util';
import type { ConpeekRetryConfig, ConpeekRetrySettings } from './conpeek-retry.types';

const retry_config: ConpeekRetryConfig = {
  retry_value: 10,
  max_retries: 2,
  backoff_type: 'multiplier',
  backoff_value: 2,
};

describe('conpeekMaxAttempts', () => {
  it.each<[string, ConpeekRetrySettings, number]>([
    ['retry_enabled 0 → one attempt', { retry_enabled: 0, retry_config }, 1],
    ['retry_enabled 0 without a config', { retry_enabled: 0 }, 1],
    ['retry_enabled 0 with a null config', { retry_enabled: 0, retry_config: null }, 1],
    ['retry_enabled 1, max_retries 2', { retry_enabled: 1, retry_config }, 3],
    ['retry_enabled 1, max_retries 0', { retry_enabled: 1, retry_config: { ...retry_config, max_retries: 0 } }, 1],
  ])('%s → %i', (_label, settings, expected) => {
    expect(conpeekMaxAttempts(settings)).toBe(expected);
  });

  it.each<[string, ConpeekRetrySettings, string]>([
    ['retry_enabled 1 without a config', { retry_enabled: 1 }, 'retry_config is missing'],
    ['retry_enabled 1 with a null config', { retry_enabled: 1, retry_config: null }, 'retry_config is missing'],
    ['retry_enabled 2', { retry_enabled: 2 as 1, retry_config }, 'retry_enabled must be 0 or 1; got 2'],
    ['negative max_retries', { retry_enabled: 1, retry_config: { ...retry_config, max_retries: -1 } }, 'max_retries must be an integer ≥ 0'],
  ])('%s is refused', (_label, settings, message) => {
    const error = catchDeliverySettingError(() => conpeekMaxAttempts(settings));
    expect(error.setting).toBe('retryPolicy');
    expect(error.message).toContain(message);
  });
});
