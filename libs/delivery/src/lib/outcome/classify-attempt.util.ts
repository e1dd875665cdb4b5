import type { AttemptOutcome, AttemptResult, SuccessRule } from './attempt-outcome.types';

/**
 * The verdict on one attempt. Success is the exact `successCode` when the subscription sets one, else any
 * 2xx. 410 Gone disables the subscription. Everything else that reached or tried to reach the receiver is
 * retryable — 3xx included, since redirects are never followed — while a `blocked` target fails at once:
 * retrying cannot make a forbidden address allowed.
 */
export function classifyAttempt(result: AttemptResult, rule: SuccessRule = {}): AttemptOutcome {
  switch (result.kind) {
    case 'timeout':
      return { outcome: 'retry', reason: 'timed out before a complete response' };
    case 'network':
      return { outcome: 'retry', reason: result.code ? `network error ${result.code}` : 'network error' };
    case 'blocked':
      return { outcome: 'fail', reason: 'target address refused by the SSRF guard' };
    case 'response':
      return classifyStatus(result.status, rule.successCode);
  }
}

function classifyStatus(status: number, successCode: number | undefined): AttemptOutcome {
  const expected = successCode === undefined ? 'a 2xx status' : `status ${successCode}`;
  if (successCode === undefined ? status >= 200 && status <= 299 : status === successCode) {
    return { outcome: 'delivered', reason: `HTTP ${status}` };
  }
  if (status === 410) return { outcome: 'disable', reason: 'HTTP 410 Gone: endpoint removed, subscription disabled' };
  if (status === 429 || status === 503) {
    return { outcome: 'retry', reason: `HTTP ${status}, expected ${expected}; Retry-After applies` };
  }
  if (status >= 300 && status <= 399) {
    return { outcome: 'retry', reason: `HTTP ${status} redirect not followed, expected ${expected}` };
  }
  return { outcome: 'retry', reason: `HTTP ${status}, expected ${expected}` };
}
