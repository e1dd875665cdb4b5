import { attemptFailure } from './attempt-failure.util';
import { SsrfBlockedError } from './ssrf-blocked.error';

const withCode = (code: string, message = 'boom'): Error => Object.assign(new Error(message), { code });

describe('attemptFailure', () => {
  it.each<[string, unknown, boolean, object]>([
    ['own deadline wins over the abort error', withCode('UND_ERR_ABORTED'), true, { kind: 'timeout' }],
    ['SSRF guard', new SsrfBlockedError('127.0.0.1 is refused'), false, { kind: 'blocked' }],
    ['SSRF guard wrapped in a cause', Object.assign(new Error('outer'), { cause: new SsrfBlockedError('x') }), false, { kind: 'blocked' }],
    ['undici connect timeout', withCode('UND_ERR_CONNECT_TIMEOUT'), false, { kind: 'timeout' }],
    ['undici headers timeout', withCode('UND_ERR_HEADERS_TIMEOUT'), false, { kind: 'timeout' }],
    ['undici body timeout', withCode('UND_ERR_BODY_TIMEOUT'), false, { kind: 'timeout' }],
    ['connection refused', withCode('ECONNREFUSED'), false, { kind: 'network', code: 'ECONNREFUSED' }],
    ['unknown host', withCode('ENOTFOUND'), false, { kind: 'network', code: 'ENOTFOUND' }],
    ['socket closed by the other side', withCode('UND_ERR_SOCKET', 'other side closed'), false, { kind: 'network', code: 'UND_ERR_SOCKET' }],
    ['Happy Eyeballs AggregateError', new AggregateError([withCode('ECONNREFUSED'), withCode('ENETUNREACH')]), false, { kind: 'network', code: 'ECONNREFUSED' }],
    ['no code at all', new Error('strange'), false, { kind: 'network' }],
    ['not even an Error', 'strange', false, { kind: 'network' }],
  ])('%s', (_label, error, timedOut, result) => {
    expect(attemptFailure(error, timedOut, 500).result).toEqual(result);
  });

  it('describes the failure for the attempt history', () => {
    expect(attemptFailure(withCode('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:80'), false, 500).error).toBe(
      'ECONNREFUSED: connect ECONNREFUSED 10.0.0.1:80',
    );
    expect(attemptFailure(new Error('aborted'), true, 500).error).toBe('no complete response within 500 ms');
  });

  it('rethrows caller bugs that undici refuses', () => {
    const invalidHeader = withCode('UND_ERR_INVALID_ARG', 'invalid connection header');
    expect(() => attemptFailure(invalidHeader, false, 500)).toThrow(invalidHeader);
  });
});
