import { conpeekRetryPolicy } from './conpeek-retry-policy.util';
import { docstudioRetryPolicy } from './docstudio-retry-policy.util';
import { nextAttemptAt } from './next-attempt-at.util';
import type { RetryPolicy } from './retry-policy.types';

const now = new Date('2024-05-01T12:00:00.000Z');
const docstudio = docstudioRetryPolicy({ retries: 2, random: () => 0 });
const oneShot = docstudioRetryPolicy({ retries: 0 });
const conpeek = conpeekRetryPolicy({
  retry_enabled: 1,
  retry_config: { retry_value: 10, max_retries: 3, backoff_type: 'linear', backoff_value: 5 },
});
const conpeekOff = conpeekRetryPolicy({ retry_enabled: 0 });

describe('nextAttemptAt', () => {
  it.each<[string, RetryPolicy, number, number | null, string | null]>([
    ['first attempt is not delayed', docstudio, 0, null, '2024-05-01T12:00:00.000Z'],
    ['docstudio retry 1 after 5 s', docstudio, 1, null, '2024-05-01T12:00:05.000Z'],
    ['docstudio retry 2 after 10 s', docstudio, 2, null, '2024-05-01T12:00:10.000Z'],
    ['docstudio exhausted after retries + 1 attempts', docstudio, 3, null, null],
    ['docstudio past the end stays exhausted', docstudio, 9, null, null],
    ['retries 0: the first attempt happens', oneShot, 0, null, '2024-05-01T12:00:00.000Z'],
    ['retries 0: exhausted after one attempt', oneShot, 1, null, null],
    ['conpeek linear 10/5 retry 1', conpeek, 1, null, '2024-05-01T12:00:10.000Z'],
    ['conpeek linear 10/5 retry 3', conpeek, 3, null, '2024-05-01T12:00:20.000Z'],
    ['conpeek exhausted after 4 attempts', conpeek, 4, null, null],
    ['conpeek retry_enabled 0 exhausted after one attempt', conpeekOff, 1, null, null],
    ['Retry-After longer than the policy wins', docstudio, 1, 120_000, '2024-05-01T12:02:00.000Z'],
    ['Retry-After shorter than the policy is ignored', docstudio, 2, 1_000, '2024-05-01T12:00:10.000Z'],
    ['Retry-After does not revive an exhausted policy', docstudio, 3, 1_000, null],
  ])('%s', (_label, policy, attemptsMade, minDelayMs, expected) => {
    expect(nextAttemptAt(policy, attemptsMade, now, minDelayMs)?.toISOString() ?? null).toBe(expected);
  });

  it('does not hand back the caller’s Date', () => {
    expect(nextAttemptAt(docstudio, 0, now)).not.toBe(now);
  });

  it.each([-1, 1.5, NaN])('attemptsMade %p is a RangeError', (attemptsMade) => {
    expect(() => nextAttemptAt(docstudio, attemptsMade, now)).toThrow(RangeError);
  });
});
