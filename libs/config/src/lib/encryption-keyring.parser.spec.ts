import { randomBytes } from 'node:crypto';
import { CommonEnv, encryptionKeyringFrom } from './common.env';
import { parseEncryptionKeyring } from './encryption-keyring.parser';
import { loadConfig } from './load-config.util';

const A = 'q5m0cYk3U0mTz8gQkWcVbq1sXg6Yv1Nn7aG2y9v0D9c=';
const B = randomBytes(32).toString('base64');
const ZEROS = Buffer.alloc(32).toString('base64');
const PATTERN = Buffer.from('abcdefgh'.repeat(4)).toString('base64');

describe('parseEncryptionKeyring', () => {
  it.each<[string, string, Array<{ kid: string; key: string }> | RegExp]>([
    ['one key', `k1:${A}`, [{ kid: 'k1', key: A }]],
    ['the sealing key first, then the ones that only open', `2026-07:${B},default:${A}`, [{ kid: '2026-07', key: B }, { kid: 'default', key: A }]],
    ['spaces around entries', ` k1:${A} , k2:${B} `, [{ kid: 'k1', key: A }, { kid: 'k2', key: B }]],
    ['an entry without a kid', A, /entry 1 must be kid:base64key/],
    ['an empty entry', `k1:${A},`, /entry 2 must be kid:base64key/],
    ['a kid with a colon-free but odd character', `k/1:${A}`, /key id "k\/1" must be 1-32 characters/],
    ['a kid too long', `${'k'.repeat(33)}:${A}`, /must be 1-32 characters/],
    ['a short key', `k1:${randomBytes(16).toString('base64')}`, /key "k1" must decode to exactly 32 bytes/],
    ['a key that is not base64', 'k1:REPLACE-with-openssl-rand-base64-32=', /key "k1" must decode to exactly 32 bytes/],
    ['an all-zero placeholder key', `k1:${ZEROS}`, /key "k1" looks like a placeholder/],
    ['a repeated-pattern key', `k1:${PATTERN}`, /key "k1" looks like a placeholder/],
    ['a duplicate kid', `k1:${A},k1:${B}`, /key id "k1" is listed twice/],
    ['the same key under two kids', `k1:${A},k2:${A}`, /keys "k1" and "k2" are the same key/],
  ])('%s', (_name, spec, expected) => {
    if (expected instanceof RegExp) expect(() => parseEncryptionKeyring(spec)).toThrow(expected);
    else expect(parseEncryptionKeyring(spec)).toEqual(expected);
  });

  it('never puts key material in its messages', () => {
    expect(() => parseEncryptionKeyring(`k1:${A},k1:${B}`)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(B) }));
  });
});

describe('the encryption key settings', () => {
  it.each<[string, Record<string, string>, Array<{ kid: string; key: string }> | RegExp]>([
    ['HOOKRELAY_ENCRYPTION_KEY alone is the "default" key', { HOOKRELAY_ENCRYPTION_KEY: A }, [{ kid: 'default', key: A }]],
    ['HOOKRELAY_ENCRYPTION_KEYS alone', { HOOKRELAY_ENCRYPTION_KEYS: `new:${B},default:${A}` }, [{ kid: 'new', key: B }, { kid: 'default', key: A }]],
    ['neither', {}, /HOOKRELAY_ENCRYPTION_KEY \(unset\): set it/],
    ['both', { HOOKRELAY_ENCRYPTION_KEY: A, HOOKRELAY_ENCRYPTION_KEYS: `new:${B}` }, /HOOKRELAY_ENCRYPTION_KEY \(set, value hidden\): set HOOKRELAY_ENCRYPTION_KEYS or HOOKRELAY_ENCRYPTION_KEY, not both/],
    ['a placeholder single key', { HOOKRELAY_ENCRYPTION_KEY: ZEROS }, /HOOKRELAY_ENCRYPTION_KEY \(set, value hidden\): looks like a placeholder/],
    ['a bad keyring', { HOOKRELAY_ENCRYPTION_KEYS: `a:${A},a:${B}` }, /HOOKRELAY_ENCRYPTION_KEYS \(set, value hidden\): must be kid:base64key entries.*key id "a" is listed twice/],
  ])('%s', (_name, vars, expected) => {
    const load = (): CommonEnv => loadConfig(CommonEnv, vars);
    if (expected instanceof RegExp) expect(load).toThrow(expected);
    else expect(encryptionKeyringFrom(load())).toEqual(expected);
  });
});
