import { ValidateBy, ValidationArguments } from 'class-validator';
import { encryptionKeyProblem, parseEncryptionKeyring } from './encryption-keyring.parser';

interface EncryptionVariables {
  HOOKRELAY_ENCRYPTION_KEY?: string;
  HOOKRELAY_ENCRYPTION_KEYS?: string;
}

/** Why the keyring variables are unusable, per variable; null when fine. */
function problemOf(property: keyof EncryptionVariables, env: EncryptionVariables): string | null {
  const single = env.HOOKRELAY_ENCRYPTION_KEY;
  const ring = env.HOOKRELAY_ENCRYPTION_KEYS;
  if (property === 'HOOKRELAY_ENCRYPTION_KEY') {
    if (ring === undefined) return single === undefined ? 'set it (openssl rand -base64 32) or HOOKRELAY_ENCRYPTION_KEYS' : encryptionKeyProblem(single);
    // Two sources of the sealing key would leave one of them silently ignored.
    return single === undefined ? null : 'set HOOKRELAY_ENCRYPTION_KEYS or HOOKRELAY_ENCRYPTION_KEY, not both (list this key in the keyring as "default:<key>")';
  }
  if (ring === undefined) return null;
  try {
    parseEncryptionKeyring(ring);
    return null;
  } catch (error) {
    return `must be kid:base64key entries, comma-separated, the sealing key first: ${(error as Error).message}`;
  }
}

/** Validates HOOKRELAY_ENCRYPTION_KEY / HOOKRELAY_ENCRYPTION_KEYS together: exactly one, each key real random bytes. */
export function IsEncryptionKeySetting(): PropertyDecorator {
  return ValidateBy({
    name: 'isEncryptionKeySetting',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) => problemOf(args!.property as keyof EncryptionVariables, args!.object as EncryptionVariables) === null,
      defaultMessage: (args?: ValidationArguments) => problemOf(args!.property as keyof EncryptionVariables, args!.object as EncryptionVariables) ?? '',
    },
  });
}
