import { generateApiKey, generateHexToken, hashApiKey } from './tokens.util';

describe('tokens', () => {
  it('generates distinct, header-safe API keys', () => {
    const keys = new Set(Array.from({ length: 200 }, generateApiKey));
    expect(keys.size).toBe(200);
    for (const k of keys) expect(k).toMatch(/^hr_[A-Za-z0-9]{40}$/);
  });

  it.each([
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ])('hashes %j with SHA-256', (key, hex) => {
    expect(hashApiKey(key)).toBe(hex);
  });

  it('generates 32-hex tokens', () => {
    const t = generateHexToken();
    expect(t).toMatch(/^[0-9a-f]{32}$/);
    expect(generateHexToken()).not.toBe(t);
  });
});
