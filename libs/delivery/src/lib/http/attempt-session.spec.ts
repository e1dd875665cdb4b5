import { AttemptSession } from './attempt-session';
import type { HttpAttemptRequest, HttpAttemptResult } from './http-attempt.types';
import { TargetUrlPolicy } from './target-url.policy';

const request = (extra: Partial<HttpAttemptRequest> = {}): HttpAttemptRequest => ({
  url: 'https://hooks.example/a?b=1#frag',
  headers: { 'content-type': 'application/json' },
  body: '{}',
  timeoutMs: 500,
  ...extra,
});
const start = (extra: Partial<HttpAttemptRequest> = {}, allow: string[] = []): AttemptSession | HttpAttemptResult =>
  AttemptSession.start(request(extra), TargetUrlPolicy.fromSettings(allow, ['https://hookrelay.example']), 'hookrelay-test');
const session = (extra: Partial<HttpAttemptRequest> = {}): AttemptSession => {
  const started = start(extra);
  if (!(started instanceof AttemptSession)) throw new Error(`blocked: ${started.error}`);
  return started;
};

describe('AttemptSession', () => {
  it.each<[string, Partial<HttpAttemptRequest>, string]>([
    ['not a URL', { url: 'hooks.example/a' }, 'not a valid absolute URL'],
    ['a refused scheme', { url: 'file:///etc/passwd' }, 'scheme "file" is not allowed; use http or https'],
    ['a loopback literal', { url: 'http://127.0.0.1:8080/' }, '127.0.0.1 is refused: loopback (127.0.0.0/8)'],
    ['a loopback name', { url: 'http://localhost/' }, 'localhost is refused: a loopback name'],
    ['this platform', { url: 'https://hookrelay.example/application/2/events' }, 'https://hookrelay.example is refused: target is this platform (one of its public URLs), a delivery would feed itself'],
  ])('%s is blocked before anything is sent', (_label, extra, error) => {
    expect(start(extra)).toEqual({ result: { kind: 'blocked' }, durationMs: expect.any(Number), snippet: '', error });
  });

  it.each<[string, Partial<HttpAttemptRequest>]>([
    ['timeoutMs 0', { timeoutMs: 0 }],
    ['timeoutMs NaN', { timeoutMs: Number.NaN }],
    ['negative maxResponseBytes', { maxResponseBytes: -1 }],
    ['fractional maxResponseBytes', { maxResponseBytes: 1.5 }],
  ])('%s is a caller bug: RangeError', (_label, extra) => {
    expect(() => start(extra)).toThrow(RangeError);
  });

  it('describes the POST to send: no fragment, our User-Agent, a read limit of at least 64 KiB', () => {
    expect(session().exchangeRequest()).toEqual({
      origin: 'https://hooks.example',
      path: '/a?b=1',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'hookrelay-test' },
      body: '{}',
      timeoutMs: 500,
      maxBodyBytes: 65_536,
    });
    expect(session({ maxResponseBytes: 100_000 }).readLimit).toBe(100_000);
    expect(session({ headers: { 'User-Agent': 'mine' } }).headers).toEqual({ 'User-Agent': 'mine' });
  });

  it.each<[string, string | string[] | undefined, string | undefined]>([
    ['no Retry-After', undefined, undefined],
    ['one Retry-After', '120', '120'],
    ['repeated Retry-After: the first', ['120', '60'], '120'],
  ])('responded: %s', (_label, header, retryAfter) => {
    const result = session({ maxResponseBytes: 4 }).responded(429, header, { bytes: Buffer.from('slow down'), complete: true });
    expect(result).toEqual({
      result: { kind: 'response', status: 429 },
      durationMs: expect.any(Number),
      snippet: 'slow …[truncated, 9 bytes total]',
      ...(retryAfter === undefined ? {} : { retryAfter }),
    });
  });

  it.each<[string, boolean, number | undefined, object]>([
    ['the deadline, before the head', true, undefined, { result: { kind: 'timeout' }, error: 'no complete response within 500 ms' }],
    ['the deadline, during the body', true, 200, { result: { kind: 'timeout' }, error: 'no complete response within 500 ms (while reading the body of an HTTP 200 response)' }],
    ['a network error', false, undefined, { result: { kind: 'network', code: 'ECONNRESET' }, error: 'ECONNRESET: reset' }],
  ])('failed: %s', (_label, timedOut, status, expected) => {
    const reset = Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    expect(session().failed(reset, timedOut, status)).toEqual({ durationMs: expect.any(Number), snippet: '', ...expected });
  });
});
