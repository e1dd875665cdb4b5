import { EXEC_REPLY_SECURITY_HEADERS, execReplyHeadersProblem, servedExecHeaders } from './exec-reply-headers.policy';

describe('execReplyHeadersProblem', () => {
  it.each([
    ['no headers', {}],
    ['ordinary headers', { 'Content-Type': 'text/plain; charset=utf-8', 'X-Handler': 'crm', Location: '/next' }],
    ['latin-1 and tab in a value', { 'x-note': 'caf\u00e9\tok' }],
  ])('accepts %s', (_case, headers) => {
    expect(execReplyHeadersProblem(headers)).toBeNull();
  });

  it.each([
    ['an array', ['a'], 'must be an object of header name → string value'],
    ['null', null, 'must be an object of header name → string value'],
    ['a string', 'x', 'must be an object of header name → string value'],
    ['CR/LF in a value', { 'x-a': 'ok\r\nSet-Cookie: s=1' }, 'value of "x-a" has a character HTTP forbids (CR, LF, NUL, above \\xff) or is longer than 4096'],
    ['NUL in a value', { 'x-a': 'a\u0000b' }, 'value of "x-a" has a character HTTP forbids (CR, LF, NUL, above \\xff) or is longer than 4096'],
    ['a character above \\xff', { 'x-a': 'snow \u2603' }, 'value of "x-a" has a character HTTP forbids (CR, LF, NUL, above \\xff) or is longer than 4096'],
    ['a value longer than 4096', { 'x-a': 'a'.repeat(4097) }, 'value of "x-a" has a character HTTP forbids (CR, LF, NUL, above \\xff) or is longer than 4096'],
    ['a space in a name', { 'x a': '1' }, 'has an invalid header name "x a"'],
    ['a newline in a name', { 'x-a\n': '1' }, 'has an invalid header name "x-a\\n"'],
    ['an empty name', { '': '1' }, 'has an invalid header name ""'],
    ['a number value', { 'x-a': 1 }, 'value of "x-a" must be a string'],
    ['51 headers', Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`x-h${i}`, '1'])), 'may hold at most 50 headers'],
  ])('refuses %s', (_case, headers, problem) => {
    expect(execReplyHeadersProblem(headers)).toBe(problem);
  });
});

describe('servedExecHeaders', () => {
  it.each([
    ['keeps the response-describing headers, lower-cased', { 'Content-Type': 'text/plain', ETag: '"1"', 'Cache-Control': 'no-store', 'X-Handler': 'crm' },
      { 'content-type': 'text/plain', etag: '"1"', 'cache-control': 'no-store', 'x-handler': 'crm' }],
    ['drops Set-Cookie in any case', { 'Set-Cookie': 's=1', 'set-cookie': 's=2', 'SET-COOKIE': 's=3', 'Set-Cookie2': 's=4' }, {}],
    ['drops headers acting on the whole origin', { 'Strict-Transport-Security': 'max-age=1', 'Alt-Svc': 'h3=":443"', 'Access-Control-Allow-Origin': '*', 'Clear-Site-Data': '"*"', 'Report-To': '{}', NEL: '{}', Refresh: '0;url=/x', 'WWW-Authenticate': 'Basic' }, {}],
    ['drops framing headers', { 'Content-Length': '5', 'Transfer-Encoding': 'chunked', Connection: 'close', 'Content-Encoding': 'gzip' }, {}],
    ['never lets the handler weaken the security headers or fake the correlation id', { 'X-Content-Type-Options': 'none', 'Content-Security-Policy': "default-src *", 'X-Request-Id': 'forged' }, {}],
  ])('%s', (_case, headers, expected) => {
    expect(servedExecHeaders(headers)).toEqual({ ...expected, ...EXEC_REPLY_SECURITY_HEADERS });
  });

  it('always serves nosniff and a sandboxing CSP', () => {
    expect(servedExecHeaders({})).toEqual({ 'x-content-type-options': 'nosniff', 'content-security-policy': "sandbox; default-src 'none'; frame-ancestors 'none'" });
  });
});
