import type { RetryPolicy } from './retry-policy.types';

/**
 * When to make the next attempt after `attemptsMade` attempts, or null when the policy is exhausted.
 * 0 attempts made → `now` (the first attempt is not delayed). `minDelayMs` carries a receiver's
 * Retry-After (see retryAfterMs): the policy delay is stretched to it, never shortened.
 */
export function nextAttemptAt(
  policy: RetryPolicy,
  attemptsMade: number,
  now: Date,
  minDelayMs: number | null = null,
): Date | null {
  if (!Number.isSafeInteger(attemptsMade) || attemptsMade < 0) {
    throw new RangeError(`attemptsMade must be an integer ≥ 0; got ${attemptsMade}`);
  }
  if (attemptsMade >= policy.maxAttempts) return null;
  if (attemptsMade === 0) return new Date(now.getTime());
  const delayMs = Math.max(policy.delayMs(attemptsMade), minDelayMs ?? 0);
  return new Date(now.getTime() + delayMs);
}
