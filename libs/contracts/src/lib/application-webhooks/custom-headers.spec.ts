import { customHeadersProblem, isReservedHeaderName } from './application-webhook.input';

describe('customHeadersProblem (the custom headers of a Conpeek webhook)', () => {
  it.each<[string, Record<string, unknown>, boolean, RegExp | null]>([
    ['ordinary headers', { appHash: 'abc', 'X-Tenant': 't1' }, false, null],
    ['a custom User-Agent (it replaces ours: exactly one goes out)', { 'User-Agent': 'Conpeek/1' }, false, null],
    ['Authorization where the subscription has none of its own', { Authorization: 'Bearer x' }, false, null],
    ['Authorization where the subscription has its own', { Authorization: 'Bearer x' }, true, /reserved header "Authorization"/],
    ['authorization in lower case, reserved', { authorization: 'Bearer x' }, true, /reserved header "authorization"/],
    ['case-variant duplicates', { 'X-A': '1', 'x-a': '2' }, false, /"X-A" and "x-a": header names are case-insensitive/],
    ['case-variant duplicates of User-Agent', { 'User-Agent': 'a', 'user-agent': 'b' }, false, /case-insensitive/],
    ['Content-Type', { 'Content-Type': 'text/plain' }, false, /reserved header "Content-Type"/],
    ['content-length', { 'content-length': '5' }, false, /reserved header/],
    ['Host', { Host: 'evil.example' }, false, /reserved header "Host"/],
    ['webhook-id', { 'webhook-id': 'x' }, false, /reserved header/],
    ['Webhook-Signature', { 'Webhook-Signature': 'v1,x' }, false, /reserved header/],
    ['any other webhook-* name', { 'Webhook-Delivery': 'x' }, false, /reserved header "Webhook-Delivery"/],
    ['transfer-encoding', { 'Transfer-Encoding': 'chunked' }, false, /reserved header/],
    ['CR LF in a value', { 'X-A': 'a\r\nX-B: b' }, false, /forbidden characters/],
    ['a space in a name', { 'X A': '1' }, false, /invalid header name/],
    ['a non-string value', { 'X-A': 1 }, false, /must be a string/],
  ])('%s', (_name, headers, authorizationReserved, problem) => {
    const found = customHeadersProblem(headers, authorizationReserved);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });

  it.each<[string, boolean, boolean]>([
    ['webhook-id', false, true],
    ['WEBHOOK-TIMESTAMP', false, true],
    ['webhook-anything', false, true],
    ['webhooks-x', false, false],
    ['Content-Type', false, true],
    ['Authorization', false, false],
    ['Authorization', true, true],
    ['User-Agent', true, false],
  ])('isReservedHeaderName(%j, authorization reserved: %s) = %s', (name, authorizationReserved, expected) => {
    expect(isReservedHeaderName(name, authorizationReserved)).toBe(expected);
  });
});
