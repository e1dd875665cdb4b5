import { REDACTED, redactSecrets, redactText } from './redact-secrets.util';

describe('redactSecrets', () => {
  it.each([
    [{ authorization: 'Bearer x' }, { authorization: REDACTED }],
    [{ Authorization: 'Bearer x' }, { Authorization: REDACTED }],
    [{ headers: { 'proxy-authorization': 'Basic y', cookie: 'sid=1', accept: '*/*' } }, { headers: { 'proxy-authorization': REDACTED, cookie: REDACTED, accept: '*/*' } }],
    [{ token: 'a', token_local: 'b', tokenRemote: 'c', accessToken: 'd' }, { token: REDACTED, token_local: REDACTED, tokenRemote: REDACTED, accessToken: REDACTED }],
    [{ secret: 'a', signing_secret: 'b', signingSecret: 'c', secrets_sealed: 'd' }, { secret: REDACTED, signing_secret: REDACTED, signingSecret: REDACTED, secrets_sealed: REDACTED }],
    [{ password: 'a', body: { login: 'me', password: 'b' } }, { password: REDACTED, body: { login: 'me', password: REDACTED } }],
    [{ key: 'a', api_key: 'b', apiKey: 'c', 'x-api-key': 'd', HOOKRELAY_ENCRYPTION_KEY: 'e', HOOKRELAY_API_KEYS: 'f', DATABASE_URL: 'g' },
      { key: REDACTED, api_key: REDACTED, apiKey: REDACTED, 'x-api-key': REDACTED, HOOKRELAY_ENCRYPTION_KEY: REDACTED, HOOKRELAY_API_KEYS: REDACTED, DATABASE_URL: REDACTED }],
    [{ list: [{ token: 'a' }, 'plain'] }, { list: [{ token: REDACTED }, 'plain'] }],
    [{ msg: 'request', method: 'GET', path: '/rest/v1/service/integration_tokens/0123abcd', status: 200 },
      { msg: 'request', method: 'GET', path: `/rest/v1/service/integration_tokens/${REDACTED}`, status: 200 }],
    [{ token: null, secret: undefined, requestId: 'r-1', keyId: 'k1', monkeys: 3 }, { token: null, secret: undefined, requestId: 'r-1', keyId: 'k1', monkeys: 3 }],
    ['plain text', 'plain text'],
    [42, 42],
  ])('%j', (input, expected) => {
    expect(redactSecrets(input)).toEqual(expected);
  });

  it('does not change its input', () => {
    const input = { authorization: 'Bearer x' };
    redactSecrets(input);
    expect(input.authorization).toBe('Bearer x');
  });
});

describe('redactText', () => {
  it.each([
    ['/rest/v1/service/integration_tokens/abc', `/rest/v1/service/integration_tokens/${REDACTED}`],
    ['/rest/v1/service/integration_tokens/abc/', `/rest/v1/service/integration_tokens/${REDACTED}/`],
    ['unhandled error on GET /rest/v1/service/integration_tokens/abc?x=1: boom', `unhandled error on GET /rest/v1/service/integration_tokens/${REDACTED}?x=1: boom`],
    ['/rest/v1/service/integration_points/abc', '/rest/v1/service/integration_points/abc'],
    ['/rest/v1/service/integration_tokens/', '/rest/v1/service/integration_tokens/'],
    ['/exec?token=abc&x=1', `/exec?token=${REDACTED}&x=1`],
    ['/callback?limit=5&api_key=abc', `/callback?limit=5&api_key=${REDACTED}`],
    ['/a?key=abc#f', `/a?key=${REDACTED}#f`],
    ['/a?access_token=abc&monkey=3', `/a?access_token=${REDACTED}&monkey=3`],
    ['/callback?limit=5&sort=id', '/callback?limit=5&sort=id'],
    ['a=b', 'a=b'],
  ])('%j → %j', (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });
});
