import type { SigningSecretEntry } from './signing.types';

/**
 * The secrets that sign a delivery made at `now`: the current ones (`expiresAt: null`) first, in the
 * order stored, then previous ones still inside their grace period, most recently retired first.
 * Duplicates are dropped. An empty result means the subscription has no usable secret.
 */
export function activeSigningSecrets(secrets: readonly SigningSecretEntry[], now: Date): string[] {
  const current = secrets.filter((entry) => entry.expiresAt === null);
  const retiring = secrets
    .filter((entry): entry is SigningSecretEntry & { expiresAt: Date } => entry.expiresAt !== null)
    .filter((entry) => entry.expiresAt.getTime() > now.getTime())
    .sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime());
  return [...new Set([...current, ...retiring].map((entry) => entry.secret))];
}
