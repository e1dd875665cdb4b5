import { classifyAttempt } from '../outcome/classify-attempt.util';
import { AttemptResult } from '../outcome/attempt-outcome.types';
import { nextAttemptAt } from '../retry/next-attempt-at.util';
import { retryAfterMs } from '../retry/retry-after-ms.util';
import { RetryPolicy } from '../retry/retry-policy.types';
import { EngineDelivery } from './delivery-policy.types';

/** A receiver's Retry-After is honoured up to this long; beyond it the policy's own delay applies. */
export const RETRY_AFTER_CAP_MS = 3_600_000;

export interface SettledAttempt {
  outcome: 'delivered' | 'retry' | 'disable' | 'fail';
  reason: string;
  state: 'OPEN' | 'CLOSED';
  applicationState: 'RETRY' | 'CLOSED';
  closeReason: 'DELIVERED' | 'EXHAUSTED' | 'DISABLED' | null;
  attempts: number;
  nextAttemptAt: Date | null;
}

/**
 * What one attempt's result means for the delivery: delivered, retried later (when the policy allows,
 * at least Retry-After on 429/503), exhausted, or closed because the endpoint is gone (410).
 */
export function settleAttempt(
  delivery: Pick<EngineDelivery, 'attempts' | 'policy'>,
  result: AttemptResult,
  retryAfter: string | undefined,
  policy: RetryPolicy,
  now: Date,
): SettledAttempt {
  const attempts = delivery.attempts + 1;
  const successCode = delivery.policy.kind === 'docstudio' ? delivery.policy.successCode : undefined;
  const verdict = classifyAttempt(result, successCode === undefined ? {} : { successCode });
  const closed = (closeReason: SettledAttempt['closeReason'], outcome: SettledAttempt['outcome'] = verdict.outcome): SettledAttempt => ({
    outcome, reason: verdict.reason, state: 'CLOSED', applicationState: 'CLOSED', closeReason, attempts, nextAttemptAt: null,
  });
  switch (verdict.outcome) {
    case 'delivered':
      return closed('DELIVERED');
    case 'disable':
      return closed('DISABLED');
    case 'fail':
      return closed('EXHAUSTED');
    case 'retry': {
      const status = result.kind === 'response' ? result.status : 0;
      const minDelay = status === 429 || status === 503 ? retryAfterMs(retryAfter, now, { maxMs: RETRY_AFTER_CAP_MS }) : null;
      const next = nextAttemptAt(policy, attempts, now, minDelay);
      if (!next) return closed('EXHAUSTED');
      return { outcome: 'retry', reason: verdict.reason, state: 'OPEN', applicationState: 'RETRY', closeReason: null, attempts, nextAttemptAt: next };
    }
  }
}
