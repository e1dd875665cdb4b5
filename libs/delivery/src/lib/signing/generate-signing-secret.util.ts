import { randomBytes } from 'node:crypto';
import { SIGNING_SECRET_BYTES, SIGNING_SECRET_PREFIX } from './signing.constants';

/** A new Standard Webhooks secret: `whsec_` + base64 of 32 bytes from the CSPRNG. */
export function generateSigningSecret(): string {
  return SIGNING_SECRET_PREFIX + randomBytes(SIGNING_SECRET_BYTES).toString('base64');
}
