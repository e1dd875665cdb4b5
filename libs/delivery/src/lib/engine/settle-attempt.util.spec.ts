import { RetryPolicy } from '../retry/retry-policy.types';
import { EnginePolicy } from './delivery-policy.types';
import { retryPolicyFor } from './retry-policy-for.util';
import { settleAttempt } from './settle-attempt.util';
import { parseRetrySchedule } from '../retry/parse-retry-schedule.parser';

const NOW = new Date('2026-01-01T00:00:00Z');
const docstudio: EnginePolicy = { kind: 'docstudio', retries: 2, timeoutMs: 1000, successCode: 201 };
const conpeek: EnginePolicy = { kind: 'conpeek', retryEnabled: 1, retryConfig: { retry_value: 10, max_retries: 2, backoff_type: 'multiplier', backoff_value: 2 }, timeoutMs: 1000 };
const noRetry: EnginePolicy = { kind: 'conpeek', retryEnabled: 0, retryConfig: null, timeoutMs: 1000 };
const schedule = parseRetrySchedule('list:5s,30s');
const policyOf = (p: EnginePolicy): RetryPolicy => retryPolicyFor(p, schedule, () => 0);
const at = (ms: number): Date => new Date(NOW.getTime() + ms);

describe('settleAttempt', () => {
  it.each([
    ['docstudio success code', docstudio, 0, { kind: 'response', status: 201 }, undefined, { state: 'CLOSED', closeReason: 'DELIVERED', attempts: 1, nextAttemptAt: null }],
    ['docstudio other 2xx is a failure', docstudio, 0, { kind: 'response', status: 200 }, undefined, { state: 'OPEN', applicationState: 'RETRY', attempts: 1, nextAttemptAt: at(5000) }],
    ['docstudio second retry', docstudio, 1, { kind: 'timeout' }, undefined, { state: 'OPEN', attempts: 2, nextAttemptAt: at(30000) }],
    ['docstudio exhausted after retries+1 attempts', docstudio, 2, { kind: 'network', code: 'ECONNREFUSED' }, undefined, { state: 'CLOSED', closeReason: 'EXHAUSTED', attempts: 3 }],
    ['conpeek any 2xx', conpeek, 0, { kind: 'response', status: 204 }, undefined, { state: 'CLOSED', closeReason: 'DELIVERED' }],
    ['conpeek multiplier 10 s', conpeek, 0, { kind: 'response', status: 500 }, undefined, { nextAttemptAt: at(10000) }],
    ['conpeek multiplier 20 s', conpeek, 1, { kind: 'response', status: 500 }, undefined, { nextAttemptAt: at(20000) }],
    ['conpeek exhausted', conpeek, 2, { kind: 'response', status: 500 }, undefined, { state: 'CLOSED', closeReason: 'EXHAUSTED', attempts: 3 }],
    ['retry disabled: one attempt', noRetry, 0, { kind: 'response', status: 500 }, undefined, { state: 'CLOSED', closeReason: 'EXHAUSTED', attempts: 1 }],
    ['3xx is a failure', conpeek, 0, { kind: 'response', status: 302 }, undefined, { state: 'OPEN', applicationState: 'RETRY' }],
    ['410 disables', conpeek, 0, { kind: 'response', status: 410 }, undefined, { state: 'CLOSED', closeReason: 'DISABLED' }],
    ['429 waits Retry-After when longer', conpeek, 0, { kind: 'response', status: 429 }, '120', { nextAttemptAt: at(120000) }],
    ['503 keeps the policy delay when Retry-After is shorter', conpeek, 0, { kind: 'response', status: 503 }, '1', { nextAttemptAt: at(10000) }],
    ['Retry-After ignored on a 500', conpeek, 0, { kind: 'response', status: 500 }, '120', { nextAttemptAt: at(10000) }],
    ['Retry-After capped at an hour', conpeek, 0, { kind: 'response', status: 429 }, '999999', { nextAttemptAt: at(3600000) }],
    ['blocked by the SSRF guard: closed, no retry', conpeek, 0, { kind: 'blocked' }, undefined, { state: 'CLOSED', closeReason: 'EXHAUSTED', attempts: 1 }],
  ] as const)('%s', (_name, policy, attempts, result, retryAfter, expected) => {
    expect(settleAttempt({ attempts, policy }, result, retryAfter, policyOf(policy), NOW)).toMatchObject(expected);
  });
});
