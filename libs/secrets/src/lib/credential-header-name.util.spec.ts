import { isCredentialHeaderName } from './credential-header-name.util';

describe('isCredentialHeaderName', () => {
  it.each([
    ['Authorization', true],
    ['authorization', true],
    ['Proxy-Authorization', true],
    ['Cookie', true],
    ['X-Api-Key', true],
    ['apikey', true],
    ['X-Auth-Token', true],
    ['X-Access-Token', true],
    ['X-Client-Secret', true],
    ['X-Password', true],
    ['X-Hub-Signature', true],
    ['X-Session-Id', true],
    ['X-Credentials', true],
    ['X-Tenant', false],
    ['Accept-Language', false],
    ['X-Request-Source', false],
    ['X-Trace', false],
  ])('%s → %s', (name, credential) => {
    expect(isCredentialHeaderName(name)).toBe(credential);
  });
});
