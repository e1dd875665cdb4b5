/** Prefix of a Standard Webhooks secret: `whsec_` + base64 of the key bytes. */
export const SIGNING_SECRET_PREFIX = 'whsec_';

/** Key bytes of a secret we generate (256 bits, the HMAC-SHA256 block-size sweet spot). */
export const SIGNING_SECRET_BYTES = 32;

/** Key lengths we accept; the Standard Webhooks spec recommends 24 to 64 bytes. */
export const SIGNING_SECRET_MIN_BYTES = 24;
export const SIGNING_SECRET_MAX_BYTES = 64;

/** After a rotation the previous secret keeps signing for this long, so receivers can switch over. */
export const SECRET_ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;
