import { catchDeliverySettingError } from '../../testing/catch-delivery-setting-error';
import { docstudioRetryPolicy } from './docstudio-retry-policy.util';

describe('docstudioRetryPolicy', () => {
  it.each<[number, number]>([
    [0, 1],
    [1, 2],
    [3, 4],
    [10, 11],
  ])('retries %i → %i attempts', (retries, maxAttempts) => {
    expect(docstudioRetryPolicy({ retries }).maxAttempts).toBe(maxAttempts);
  });

  it('uses the default schedule (5 s, 10 s, … with jitter) unless given one', () => {
    const policy = docstudioRetryPolicy({ retries: 3, random: () => 0 });
    expect([1, 2, 3].map((n) => policy.delayMs(n))).toEqual([5_000, 10_000, 20_000]);
  });

  it('uses the given schedule and randomness', () => {
    const policy = docstudioRetryPolicy({
      retries: 2,
      schedule: { kind: 'exponential', baseMs: 1_000, factor: 3, maxMs: 60_000, jitter: 0.5 },
      random: () => 0.5,
    });
    expect([1, 2].map((n) => policy.delayMs(n))).toEqual([750, 2_250]);
  });

  it.each([-1, 11, 2.5, NaN])('retries %p is refused', (retries) => {
    const error = catchDeliverySettingError(() => docstudioRetryPolicy({ retries }));
    expect(error.setting).toBe('retryPolicy');
    expect(error.message).toContain('retries must be an integer from 0 to 10');
  });
});
