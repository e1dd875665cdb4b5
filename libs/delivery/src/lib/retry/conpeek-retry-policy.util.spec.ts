import { conpeekRetryPolicy } from './conpeek-retry-policy.util';

describe('conpeekRetryPolicy', () => {
  it('multiplier 10/2 with 3 retries: 4 attempts, 10 s, 20 s, 40 s', () => {
    const policy = conpeekRetryPolicy({
      retry_enabled: 1,
      retry_config: { retry_value: 10, max_retries: 3, backoff_type: 'multiplier', backoff_value: 2 },
    });
    expect(policy.maxAttempts).toBe(4);
    expect([1, 2, 3].map((n) => policy.delayMs(n))).toEqual([10_000, 20_000, 40_000]);
  });

  it('retry_enabled 0: one attempt and no retry delay', () => {
    const policy = conpeekRetryPolicy({
      retry_enabled: 0,
      retry_config: { retry_value: 10, max_retries: 3, backoff_type: 'constant', backoff_value: 0 },
    });
    expect(policy.maxAttempts).toBe(1);
    expect(() => policy.delayMs(1)).toThrow('retries disabled');
  });

  it('validates the settings up front', () => {
    expect(() => conpeekRetryPolicy({ retry_enabled: 1 })).toThrow('retry_config is missing');
  });
});
