import { activeSigningSecrets } from './active-signing-secrets.util';
import { generateSigningSecret } from './generate-signing-secret.util';
import { rotateSigningSecrets } from './rotate-signing-secrets.util';
import { SECRET_ROTATION_GRACE_MS } from './signing.constants';
import type { SigningSecretEntry } from './signing.types';

const now = new Date('2024-05-01T12:00:00Z');
const graceEnd = new Date(now.getTime() + SECRET_ROTATION_GRACE_MS);
const [A, B, C, D] = Array.from({ length: 4 }, () => generateSigningSecret());

describe('rotateSigningSecrets', () => {
  it('grace period is 24 hours', () => {
    expect(SECRET_ROTATION_GRACE_MS).toBe(86_400_000);
  });

  it.each<[string, SigningSecretEntry[], SigningSecretEntry[]]>([
    ['first secret', [], [{ secret: D, expiresAt: null }]],
    [
      'the current secret retires for 24 h',
      [{ secret: A, expiresAt: null }],
      [
        { secret: D, expiresAt: null },
        { secret: A, expiresAt: graceEnd },
      ],
    ],
    [
      'a secret already retiring keeps its expiry; an expired one goes',
      [
        { secret: A, expiresAt: null },
        { secret: B, expiresAt: new Date('2024-05-01T18:00:00Z') },
        { secret: C, expiresAt: new Date('2024-05-01T11:00:00Z') },
      ],
      [
        { secret: D, expiresAt: null },
        { secret: A, expiresAt: graceEnd },
        { secret: B, expiresAt: new Date('2024-05-01T18:00:00Z') },
      ],
    ],
  ])('%s', (_label, before, after) => {
    expect(rotateSigningSecrets(before, now, D)).toEqual(after);
  });

  it('generates the new secret when none is given, and both sign until the grace period ends', () => {
    const rotated = rotateSigningSecrets([{ secret: A, expiresAt: null }], now);
    expect(rotated[0]?.secret).toMatch(/^whsec_/);
    expect(rotated[0]?.secret).not.toBe(A);
    expect(activeSigningSecrets(rotated, new Date(graceEnd.getTime() - 1))).toEqual([rotated[0]?.secret, A]);
    expect(activeSigningSecrets(rotated, graceEnd)).toEqual([rotated[0]?.secret]);
  });

  it('refuses a malformed new secret', () => {
    expect(() => rotateSigningSecrets([], now, 'not-a-secret')).toThrow('must start with "whsec_"');
  });
});
