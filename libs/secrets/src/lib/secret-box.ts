import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The key id a lone key gets (HOOKRELAY_ENCRYPTION_KEY; SINGLE_KEY_ID in libs/config says the same). */
const SINGLE_KEY_ID = 'default';

/** One key of a keyring: its id, stored with every value it seals, and base64 of 32 bytes. */
export interface SecretBoxKey {
  kid: string;
  key: string;
}

/** A lone base64 key, or a keyring whose first key seals and whose every key opens. */
export type SecretBoxKeys = string | readonly SecretBoxKey[];

/**
 * AES-256-GCM for secrets at rest (basic-auth passwords, signing secrets, remote tokens).
 * Stored form: "v2:<kid>:<base64 iv>:<base64 tag>:<base64 ciphertext>"; the key id says which key of the
 * ring opens it, so keys can rotate: seal with the first key, open with any (then `hookrelay rekey`).
 * "v1:<iv>:<tag>:<ciphertext>" (no key id, written before keyrings) still opens: every key is tried.
 * The associated data binds a ciphertext to its row and column, so a value copied into another record
 * does not decrypt.
 */
export class SecretBox {
  private readonly keys: ReadonlyMap<string, Buffer>;
  /** The id of the key that seals. */
  readonly sealingKid: string;
  /** How every value this box seals starts: a stored value without it was sealed with another key. */
  readonly currentPrefix: string;

  constructor(keys: SecretBoxKeys) {
    const ring = typeof keys === 'string' ? [{ kid: SINGLE_KEY_ID, key: keys }] : keys;
    if (ring.length === 0) throw new Error('the encryption keyring is empty');
    const map = new Map<string, Buffer>();
    for (const { kid, key } of ring) {
      const bytes = Buffer.from(key, 'base64');
      if (bytes.length !== 32) throw new Error(`encryption key "${kid}" must be 32 bytes (base64 of \`openssl rand -base64 32\`)`);
      if (!/^[A-Za-z0-9_.-]{1,32}$/.test(kid) || map.has(kid)) throw new Error(`encryption key id "${kid}" is invalid or listed twice`);
      map.set(kid, bytes);
    }
    this.keys = map;
    this.sealingKid = ring[0]!.kid;
    this.currentPrefix = `v2:${this.sealingKid}:`;
  }

  encrypt(plaintext: string, associatedData: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.sealingKid)!, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v2', this.sealingKid, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
  }

  decrypt(stored: string, associatedData: string): string {
    const parts = stored.split(':');
    if (parts[0] === 'v1' && parts.length === 4) {
      // No key id: whichever key authenticates it is the one (GCM's tag makes a wrong key fail, not garble).
      for (const key of this.keys.values()) {
        const opened = tryOpen(key, parts.slice(1), associatedData);
        if (opened !== null) return opened;
      }
      throw new Error(`cannot open a v1 sealed value with any configured key (${[...this.keys.keys()].join(', ')}): the key it was sealed with is missing, or the value was altered or moved`);
    }
    if (parts[0] !== 'v2' || parts.length !== 5) throw new Error('not a sealed secret');
    const kid = parts[1]!;
    const key = this.keys.get(kid);
    if (!key) throw new Error(`value sealed with encryption key "${kid}", which is not configured (configured: ${[...this.keys.keys()].join(', ')}): add it to HOOKRELAY_ENCRYPTION_KEYS`);
    const opened = tryOpen(key, parts.slice(2), associatedData);
    if (opened === null) throw new Error(`cannot open a value sealed with encryption key "${kid}": that id names another key here, or the value was altered or moved`);
    return opened;
  }

  /** Whether a stored value is sealed with the sealing key (what `hookrelay rekey` leaves alone). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(this.currentPrefix);
  }
}

function tryOpen(key: Buffer, [iv, tag, body]: string[], associatedData: string): string | null {
  if (!iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
