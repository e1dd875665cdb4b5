import type { SigningSecretEntry } from './signing.types';
import { activeSigningSecrets } from './active-signing-secrets.util';

const now = new Date('2024-05-01T12:00:00Z');
const at = (iso: string): Date => new Date(iso);

describe('activeSigningSecrets', () => {
  it.each<[string, SigningSecretEntry[], string[]]>([
    ['nothing stored', [], []],
    ['only the current secret', [{ secret: 'A', expiresAt: null }], ['A']],
    [
      'current first, even when stored last',
      [
        { secret: 'OLD', expiresAt: at('2024-05-02T11:00:00Z') },
        { secret: 'NEW', expiresAt: null },
      ],
      ['NEW', 'OLD'],
    ],
    [
      'an old secret past its expiry is dropped',
      [
        { secret: 'NEW', expiresAt: null },
        { secret: 'OLD', expiresAt: at('2024-05-01T11:59:59Z') },
      ],
      ['NEW'],
    ],
    [
      'expiring exactly now counts as expired',
      [
        { secret: 'NEW', expiresAt: null },
        { secret: 'OLD', expiresAt: now },
      ],
      ['NEW'],
    ],
    [
      'several retiring secrets: most recently retired first',
      [
        { secret: 'OLDEST', expiresAt: at('2024-05-01T13:00:00Z') },
        { secret: 'NEW', expiresAt: null },
        { secret: 'OLDER', expiresAt: at('2024-05-02T10:00:00Z') },
      ],
      ['NEW', 'OLDER', 'OLDEST'],
    ],
    [
      'no current secret: the still-valid old ones',
      [{ secret: 'OLD', expiresAt: at('2024-05-01T12:00:01Z') }],
      ['OLD'],
    ],
    [
      'duplicates are dropped',
      [
        { secret: 'A', expiresAt: null },
        { secret: 'A', expiresAt: at('2024-05-02T00:00:00Z') },
      ],
      ['A'],
    ],
  ])('%s', (_label, secrets, expected) => {
    expect(activeSigningSecrets(secrets, now)).toEqual(expected);
  });
});
