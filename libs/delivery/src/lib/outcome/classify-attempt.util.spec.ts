import type { AttemptOutcome, AttemptResult, SuccessRule } from './attempt-outcome.types';
import { classifyAttempt } from './classify-attempt.util';

const status = (code: number): AttemptResult => ({ kind: 'response', status: code });
const any2xx: SuccessRule = {};
const docstudio200: SuccessRule = { successCode: 200 };
const docstudio202: SuccessRule = { successCode: 202 };

describe('classifyAttempt', () => {
  it.each<[string, AttemptResult, SuccessRule, AttemptOutcome]>([
    // success: any 2xx, or exactly successCode
    ['200, any 2xx', status(200), any2xx, { outcome: 'delivered', reason: 'HTTP 200' }],
    ['204, any 2xx', status(204), any2xx, { outcome: 'delivered', reason: 'HTTP 204' }],
    ['299, any 2xx', status(299), any2xx, { outcome: 'delivered', reason: 'HTTP 299' }],
    ['200, successCode 200', status(200), docstudio200, { outcome: 'delivered', reason: 'HTTP 200' }],
    ['202, successCode 202', status(202), docstudio202, { outcome: 'delivered', reason: 'HTTP 202' }],
    ['201, successCode 200: another 2xx is a failure', status(201), docstudio200, { outcome: 'retry', reason: 'HTTP 201, expected status 200' }],
    ['200, successCode 202', status(200), docstudio202, { outcome: 'retry', reason: 'HTTP 200, expected status 202' }],
    ['302, successCode 302 (the owner asked for it)', status(302), { successCode: 302 }, { outcome: 'delivered', reason: 'HTTP 302' }],
    // 3xx: never followed, a failed attempt
    ['301', status(301), any2xx, { outcome: 'retry', reason: 'HTTP 301 redirect not followed, expected a 2xx status' }],
    ['307, successCode 200', status(307), docstudio200, { outcome: 'retry', reason: 'HTTP 307 redirect not followed, expected status 200' }],
    ['199', status(199), any2xx, { outcome: 'retry', reason: 'HTTP 199, expected a 2xx status' }],
    ['300', status(300), any2xx, { outcome: 'retry', reason: 'HTTP 300 redirect not followed, expected a 2xx status' }],
    // 410 Gone: the receiver removed the endpoint
    ['410', status(410), any2xx, { outcome: 'disable', reason: 'HTTP 410 Gone: endpoint removed, subscription disabled' }],
    ['410, successCode 200', status(410), docstudio200, { outcome: 'disable', reason: 'HTTP 410 Gone: endpoint removed, subscription disabled' }],
    // back-pressure: retry, the caller honours Retry-After
    ['429', status(429), any2xx, { outcome: 'retry', reason: 'HTTP 429, expected a 2xx status; Retry-After applies' }],
    ['503', status(503), docstudio200, { outcome: 'retry', reason: 'HTTP 503, expected status 200; Retry-After applies' }],
    // other errors: failed attempt, retried by the policy
    ['400', status(400), any2xx, { outcome: 'retry', reason: 'HTTP 400, expected a 2xx status' }],
    ['404', status(404), any2xx, { outcome: 'retry', reason: 'HTTP 404, expected a 2xx status' }],
    ['500', status(500), any2xx, { outcome: 'retry', reason: 'HTTP 500, expected a 2xx status' }],
    ['502', status(502), docstudio200, { outcome: 'retry', reason: 'HTTP 502, expected status 200' }],
    // no response
    ['timeout', { kind: 'timeout' }, any2xx, { outcome: 'retry', reason: 'timed out before a complete response' }],
    ['network with a code', { kind: 'network', code: 'ECONNREFUSED' }, any2xx, { outcome: 'retry', reason: 'network error ECONNREFUSED' }],
    ['network without a code', { kind: 'network' }, docstudio200, { outcome: 'retry', reason: 'network error' }],
    ['blocked by the SSRF guard: no retry', { kind: 'blocked' }, any2xx, { outcome: 'fail', reason: 'target address refused by the SSRF guard' }],
  ])('%s', (_label, result, rule, expected) => {
    expect(classifyAttempt(result, rule)).toEqual(expected);
  });

  it('defaults to "any 2xx" without a rule', () => {
    expect(classifyAttempt(status(201)).outcome).toBe('delivered');
  });
});
