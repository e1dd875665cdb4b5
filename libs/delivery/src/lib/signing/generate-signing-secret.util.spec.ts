import { Webhook } from 'standardwebhooks';
import { generateSigningSecret } from './generate-signing-secret.util';
import { parseSigningSecret } from './parse-signing-secret.util';
import { signPayload } from './sign-payload.util';

describe('generateSigningSecret', () => {
  it('is whsec_ + padded base64 of 32 bytes', () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(parseSigningSecret(secret)).toHaveLength(32);
  });

  it('never repeats', () => {
    const secrets = new Set(Array.from({ length: 100 }, () => generateSigningSecret()));
    expect(secrets.size).toBe(100);
  });

  it('is accepted by the standardwebhooks verifier', () => {
    const secret = generateSigningSecret();
    const body = '{"ok":true}';
    const headers = signPayload({ id: 'msg_1', timestamp: new Date(), body, secrets: [secret] });
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual({ ok: true });
  });
});
