import { createHash, randomBytes } from 'node:crypto';

/** A new API key: "hr_" + 40 base62-ish chars of CSPRNG output (240 bits), safe in headers and shells. */
export function generateApiKey(): string {
  return `hr_${randomBytes(30).toString('base64url').replace(/[-_]/g, (c) => (c === '-' ? 'A' : 'z'))}`;
}

/**
 * API keys are stored as SHA-256: they are high-entropy random strings, so a fast hash is enough and
 * lets the gateway find a key by its hash with one indexed lookup.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** 32 lowercase hex chars from a CSPRNG, the shape of the seed's token_local. */
export function generateHexToken(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}
