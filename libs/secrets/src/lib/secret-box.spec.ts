import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

const key = randomBytes(32).toString('base64');

describe('SecretBox', () => {
  const box = new SecretBox(key);

  it.each([
    ['ascii', 'p@ssw0rd'],
    ['empty', ''],
    ['unicode', 'пароль-密码-🔐'],
    ['long', 'x'.repeat(10_000)],
  ])('round-trips %s plaintext', (_name, plaintext) => {
    const sealed = box.encrypt(plaintext, 'row-1:password');
    expect(sealed).toMatch(/^v1:/);
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
  ])('refuses %s', (_name, mutate, ad) => {
    const sealed = mutate(box.encrypt('secret', 'row-1:password'));
    expect(() => box.decrypt(sealed, ad)).toThrow();
  });

  it('refuses another key', () => {
    const sealed = box.encrypt('secret', 'ad');
    expect(() => new SecretBox(randomBytes(32).toString('base64')).decrypt(sealed, 'ad')).toThrow();
  });

  it.each([['short', randomBytes(16).toString('base64')], ['not base64 of 32', 'abc']])('rejects a %s key', (_n, bad) => {
    expect(() => new SecretBox(bad)).toThrow(/32 bytes/);
  });
});
