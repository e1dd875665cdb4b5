import { createCipheriv, randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

const key = randomBytes(32).toString('base64');
const OLD = randomBytes(32).toString('base64');
const NEW = randomBytes(32).toString('base64');

/** A value as SecretBox sealed it before keyrings (format v1, no key id): what databases hold today. */
function sealV1(base64Key: string, plaintext: string, associatedData: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(base64Key, 'base64'), iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
}

describe('SecretBox', () => {
  const box = new SecretBox(key);

  it.each([
    ['ascii', 'p@ssw0rd'],
    ['empty', ''],
    ['unicode', 'пароль-密码-🔐'],
    ['long', 'x'.repeat(10_000)],
  ])('round-trips %s plaintext', (_name, plaintext) => {
    const sealed = box.encrypt(plaintext, 'row-1:password');
    expect(sealed).toMatch(/^v2:default:/);
    expect(sealed).not.toContain(plaintext || '\u0000');
    expect(box.decrypt(sealed, 'row-1:password')).toBe(plaintext);
  });

  it('uses a fresh IV each time', () => {
    expect(box.encrypt('same', 'ad')).not.toBe(box.encrypt('same', 'ad'));
  });

  it.each([
    ['another row', (s: string) => s, 'row-2:password'],
    ['a flipped ciphertext byte', (s: string) => s.slice(0, -2) + (s.at(-2) === 'A' ? 'B' : 'A') + s.at(-1), 'row-1:password'],
    ['garbage', () => 'nonsense', 'row-1:password'],
    ['a missing part', (s: string) => s.split(':').slice(0, 4).join(':'), 'row-1:password'],
  ])('refuses %s', (_name, mutate, ad) => {
    const sealed = mutate(box.encrypt('secret', 'row-1:password'));
    expect(() => box.decrypt(sealed, ad)).toThrow();
  });

  it('refuses another key under the same key id, saying so', () => {
    const sealed = box.encrypt('secret', 'ad');
    expect(() => new SecretBox(randomBytes(32).toString('base64')).decrypt(sealed, 'ad')).toThrow(/sealed with encryption key "default": that id names another key here/);
  });

  it.each([['short', randomBytes(16).toString('base64')], ['not base64 of 32', 'abc']])('rejects a %s key', (_n, bad) => {
    expect(() => new SecretBox(bad)).toThrow(/32 bytes/);
  });

  it.each([
    ['an empty keyring', [], /keyring is empty/],
    ['a duplicate key id', [{ kid: 'a', key: OLD }, { kid: 'a', key: NEW }], /"a" is invalid or listed twice/],
    ['a key id with a colon', [{ kid: 'a:b', key: OLD }], /"a:b" is invalid/],
  ])('rejects %s', (_n, ring, message) => {
    expect(() => new SecretBox(ring)).toThrow(message);
  });

  describe('keyrings', () => {
    const before = new SecretBox([{ kid: 'old', key: OLD }]);
    const during = new SecretBox([{ kid: 'new', key: NEW }, { kid: 'old', key: OLD }]);
    const after = new SecretBox([{ kid: 'new', key: NEW }]);

    it('seals with the first key and names it', () => {
      expect(during.encrypt('s', 'ad')).toMatch(/^v2:new:/);
      expect(during.sealingKid).toBe('new');
    });

    it('opens what an older key sealed while that key is still listed', () => {
      const sealed = before.encrypt('rotating', 'ad');
      expect(during.decrypt(sealed, 'ad')).toBe('rotating');
      expect(during.isCurrent(sealed)).toBe(false);
      expect(during.isCurrent(during.encrypt('x', 'ad'))).toBe(true);
    });

    it('says which key is missing when a key id is not configured', () => {
      expect(() => after.decrypt(before.encrypt('s', 'ad'), 'ad')).toThrow(/sealed with encryption key "old", which is not configured \(configured: new\): add it to HOOKRELAY_ENCRYPTION_KEYS/);
    });

    it('opens v1 values (no key id) with whichever configured key sealed them', () => {
      const legacy = sealV1(OLD, 'from before keyrings', 'ad');
      expect(new SecretBox(OLD).decrypt(legacy, 'ad')).toBe('from before keyrings');
      expect(during.decrypt(legacy, 'ad')).toBe('from before keyrings');
      expect(during.isCurrent(legacy)).toBe(false);
    });

    it('refuses a v1 value none of its keys sealed, or one moved to another row', () => {
      expect(() => after.decrypt(sealV1(OLD, 's', 'ad'), 'ad')).toThrow(/cannot open a v1 sealed value with any configured key \(new\)/);
      expect(() => during.decrypt(sealV1(OLD, 's', 'ad'), 'other-row')).toThrow(/v1/);
    });
  });
});
