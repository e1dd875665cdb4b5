/** One key of the encryption keyring: its id (stored with every value it seals) and base64 of 32 bytes. */
export interface EncryptionKeyEntry {
  kid: string;
  key: string;
}

/** The key id HOOKRELAY_ENCRYPTION_KEY gets: list it under this id in HOOKRELAY_ENCRYPTION_KEYS when rotating away from it. */
export const SINGLE_KEY_ID = 'default';

const KID = /^[A-Za-z0-9_.-]{1,32}$/;
const BASE64_32 = /^[A-Za-z0-9+/]{43}=$/;
/**
 * 32 random bytes have about 30 distinct values; fewer than 16 is a hand-made value (all zeros, a repeated
 * byte or pattern) that someone copied from a template, never the output of `openssl rand -base64 32`.
 */
const MIN_DISTINCT_BYTES = 16;

/** Why one base64 key is unusable, or null: the same rule for HOOKRELAY_ENCRYPTION_KEY and each keyring entry. */
export function encryptionKeyProblem(key: string): string | null {
  if (!BASE64_32.test(key)) return 'must decode to exactly 32 bytes (openssl rand -base64 32)';
  if (new Set(Buffer.from(key, 'base64')).size < MIN_DISTINCT_BYTES) return 'looks like a placeholder, not random bytes: generate one with openssl rand -base64 32';
  return null;
}

/**
 * Parses HOOKRELAY_ENCRYPTION_KEYS, "kid:base64key,kid:base64key,…": the first key seals, every key opens.
 * Throws an Error that names the entry (never its key material).
 */
export function parseEncryptionKeyring(spec: string): EncryptionKeyEntry[] {
  const entries = spec.split(',').map((raw, index) => {
    const colon = raw.indexOf(':');
    const kid = colon < 0 ? '' : raw.slice(0, colon).trim();
    const key = colon < 0 ? '' : raw.slice(colon + 1).trim();
    if (!kid || !key) throw new Error(`entry ${index + 1} must be kid:base64key`);
    if (!KID.test(kid)) throw new Error(`key id "${kid.slice(0, 40)}" must be 1-32 characters of [A-Za-z0-9_.-]`);
    const problem = encryptionKeyProblem(key);
    if (problem) throw new Error(`key "${kid}" ${problem}`);
    return { kid, key };
  });
  const seen = new Map<string, string>();
  for (const { kid, key } of entries) {
    if (seen.has(kid)) throw new Error(`key id "${kid}" is listed twice`);
    const sameKey = [...seen].find(([, other]) => other === key);
    if (sameKey) throw new Error(`keys "${sameKey[0]}" and "${kid}" are the same key`);
    seen.set(kid, key);
  }
  return entries;
}
