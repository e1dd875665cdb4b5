import { generateSigningSecret } from './generate-signing-secret.util';
import { parseSigningSecret } from './parse-signing-secret.util';
import { SECRET_ROTATION_GRACE_MS } from './signing.constants';
import type { SigningSecretEntry } from './signing.types';

/**
 * The secret list after a rotation at `now`: `next` becomes the current secret, every previous current
 * one expires after {@link SECRET_ROTATION_GRACE_MS}, secrets already retiring keep their own expiry,
 * and expired ones are dropped. Shared by every `…/secret/rotate` endpoint so all APIs rotate alike.
 */
export function rotateSigningSecrets(
  secrets: readonly SigningSecretEntry[],
  now: Date,
  next: string = generateSigningSecret(),
): SigningSecretEntry[] {
  parseSigningSecret(next);
  const graceEnd = new Date(now.getTime() + SECRET_ROTATION_GRACE_MS);
  const kept: SigningSecretEntry[] = [];
  for (const entry of secrets) {
    if (entry.secret === next) continue;
    const expiresAt = entry.expiresAt ?? graceEnd;
    if (expiresAt.getTime() > now.getTime()) kept.push({ secret: entry.secret, expiresAt });
  }
  return [{ secret: next, expiresAt: null }, ...kept];
}
