import { DeliverySettingError } from '../delivery-setting.error';
import { SIGNING_SECRET_MAX_BYTES, SIGNING_SECRET_MIN_BYTES, SIGNING_SECRET_PREFIX } from './signing.constants';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The HMAC key bytes of a `whsec_<base64>` secret.
 *
 * Only canonical, padded base64 passes: the `standardwebhooks` verifier decodes strictly, so a secret it
 * would reject must fail here, at creation, rather than at the receiver. Messages never quote the secret.
 */
export function parseSigningSecret(secret: string): Buffer {
  if (typeof secret !== 'string' || !secret.startsWith(SIGNING_SECRET_PREFIX)) {
    throw new DeliverySettingError('signingSecret', `a signing secret must start with "${SIGNING_SECRET_PREFIX}"`);
  }
  const encoded = secret.slice(SIGNING_SECRET_PREFIX.length);
  const key = BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : undefined;
  if (key === undefined || key.toString('base64') !== encoded) {
    throw new DeliverySettingError(
      'signingSecret',
      `a signing secret must be "${SIGNING_SECRET_PREFIX}" followed by padded standard base64`,
    );
  }
  if (key.length < SIGNING_SECRET_MIN_BYTES || key.length > SIGNING_SECRET_MAX_BYTES) {
    throw new DeliverySettingError(
      'signingSecret',
      `a signing secret must hold ${SIGNING_SECRET_MIN_BYTES} to ${SIGNING_SECRET_MAX_BYTES} key bytes; ` +
        `got ${key.length}`,
    );
  }
  return key;
}
