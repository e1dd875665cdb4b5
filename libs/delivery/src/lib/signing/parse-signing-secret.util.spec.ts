import { catchDeliverySettingError } from '../../testing/catch-delivery-setting-error';
import { parseSigningSecret } from './parse-signing-secret.util';

const KEY_24 = 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'; // the Standard Webhooks spec's example secret
const KEY_32 = Buffer.alloc(32, 7).toString('base64');
const KEY_64 = Buffer.alloc(64, 1).toString('base64');

describe('parseSigningSecret', () => {
  it.each<[string, number]>([
    [`whsec_${KEY_24}`, 24],
    [`whsec_${KEY_32}`, 32],
    [`whsec_${KEY_64}`, 64],
  ])('%s → %i key bytes', (secret, length) => {
    expect(parseSigningSecret(secret)).toHaveLength(length);
  });

  it('returns the decoded key bytes', () => {
    expect(parseSigningSecret(`whsec_${KEY_32}`).equals(Buffer.alloc(32, 7))).toBe(true);
  });

  it.each<[string, string]>([
    ['', 'must start with "whsec_"'],
    [KEY_32, 'must start with "whsec_"'],
    [`WHSEC_${KEY_32}`, 'must start with "whsec_"'],
    ['whsec_', 'padded standard base64'],
    [`whsec_${KEY_32.replace(/=$/, '')}`, 'padded standard base64'],
    [`whsec_${KEY_32.slice(0, 10)}-_${KEY_32.slice(12)}`, 'padded standard base64'],
    [`whsec_ ${KEY_32}`, 'padded standard base64'],
    [`whsec_${KEY_32}\n`, 'padded standard base64'],
    [`whsec_${Buffer.alloc(16).toString('base64')}`, '24 to 64 key bytes; got 16'],
    [`whsec_${Buffer.alloc(65).toString('base64')}`, '24 to 64 key bytes; got 65'],
  ])('%j → error %j', (secret, message) => {
    const error = catchDeliverySettingError(() => parseSigningSecret(secret));
    expect(error.setting).toBe('signingSecret');
    expect(error.message).toContain(message);
  });

  it('never quotes the secret in its message', () => {
    const secret = `whsec_${KEY_32.slice(0, -1)}`;
    const error = catchDeliverySettingError(() => parseSigningSecret(secret));
    expect(error.message).not.toContain(KEY_32.slice(0, 20));
  });
});
