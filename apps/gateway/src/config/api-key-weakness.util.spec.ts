import { loadConfig } from '@hookrelay/config';
import { GatewayEnv } from './gateway.env';
import { apiKeyWeakness } from './api-key-weakness.util';

describe('apiKeyWeakness', () => {
  it.each<[string, string, RegExp | null]>([
    ['a generated hr_ key', 'hr_Qk3v9ZpL2mX8rT4wY7nB1cD6fG0hJ5sA9eU2iO3p', null],
    ['openssl rand -hex 24', '5f2c9a81d04e7b36c1a9e05d7f48b2c63e91a0d47b5c8e12', null],
    ['openssl rand -base64 24', 'u3J0q+Xk9wZ1bR7tL2mN8pV5cY4hD6fG', null],
    ['the e2e tests\' keys', 'e2e-alpha-read-key-00001', null],
    ['the k8s template placeholder', 'REPLACE-with-a-long-random-key', /placeholder/],
    ['a changeme value', 'ChangeMe-0123456789abcdefXYZ', /placeholder/],
    ['an example from a doc', 'my-example-key-1234567890', /placeholder/],
    ['a repeated character', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', /fewer than 10 distinct characters/],
    ['a repeated pattern', '0123401234012340123401234', /fewer than 10 distinct/],
    ['16 hex characters (64 bits)', '5f2c9a81d04e7b36', /too weak \(about 82 bits; at least 96/],
    ['16 mixed characters', 'u3J0qXk9wZ1bR7tL', /too weak/],
    ['20 mixed characters', 'u3J0qXk9wZ1bR7tL2mN8', null],
  ])('%s', (_name, key, expected) => {
    const problem = apiKeyWeakness(key);
    if (expected) expect(problem).toMatch(expected);
    else expect(problem).toBeNull();
  });
});

describe('HOOKRELAY_API_KEYS at boot', () => {
  const base = { HOOKRELAY_ENCRYPTION_KEY: 'q5m0cYk3U0mTz8gQkWcVbq1sXg6Yv1Nn7aG2y9v0D9c=' };

  it.each<[string, string, RegExp | null]>([
    ['generated keys', 'acme:5f2c9a81d04e7b36c1a9e05d7f48b2c63e91a0d47b5c8e12,beta:hr_Qk3v9ZpL2mX8rT4wY7nB1cD6fG0hJ5sA9eU2iO3p:read', null],
    ['the k8s template as shipped', 'acme:REPLACE-with-a-long-random-key',
      /HOOKRELAY_API_KEYS \(set, value hidden\): entry 1 \(tenant "acme"\): the key is a placeholder from a template or the docs; generate one/],
    ['a weak second entry', 'acme:5f2c9a81d04e7b36c1a9e05d7f48b2c63e91a0d47b5c8e12,beta:5f2c9a81d04e7b36', /entry 2 \(tenant "beta"\): the key is too weak/],
  ])('%s', (_name, keys, expected) => {
    const load = (): GatewayEnv => loadConfig(GatewayEnv, { ...base, HOOKRELAY_API_KEYS: keys });
    if (expected) expect(load).toThrow(expected);
    else expect(load).not.toThrow();
  });

  it('never prints the refused key', () => {
    expect(() => loadConfig(GatewayEnv, { ...base, HOOKRELAY_API_KEYS: 'acme:5f2c9a81d04e7b36' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('5f2c9a81d04e7b36') }));
  });
});
