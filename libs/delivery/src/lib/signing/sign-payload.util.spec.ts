import { Webhook } from 'standardwebhooks';
import { catchDeliverySettingError } from '../../testing/catch-delivery-setting-error';
import { generateSigningSecret } from './generate-signing-secret.util';
import { signPayload } from './sign-payload.util';

// The worked example of the Standard Webhooks spec (also the Svix/standardwebhooks test vector).
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('signPayload', () => {
  describe('the spec example', () => {
    afterEach(() => jest.useRealTimers());

    it.each<[string, Date | number]>([
      ['unix seconds', VECTOR.timestamp],
      ['a Date', new Date(VECTOR.timestamp * 1000 + 999)],
    ])('gives the exact published signature (timestamp as %s)', (_label, timestamp) => {
      const headers = signPayload({ id: VECTOR.id, timestamp, body: VECTOR.body, secrets: [VECTOR.secret] });
      expect(headers).toEqual({
        'webhook-id': VECTOR.id,
        'webhook-timestamp': '1614265330',
        'webhook-signature': VECTOR.signature,
      });
    });

    it('matches what the standardwebhooks library computes and verifies', () => {
      jest.useFakeTimers({ now: VECTOR.timestamp * 1000 });
      const webhook = new Webhook(VECTOR.secret);
      const { id, timestamp, body, secret } = VECTOR;
      const headers = signPayload({ id, timestamp, body, secrets: [secret] });
      expect(webhook.sign(VECTOR.id, new Date(VECTOR.timestamp * 1000), VECTOR.body)).toBe(VECTOR.signature);
      expect(webhook.verify(VECTOR.body, { ...headers })).toEqual({ test: 2432232314 });
    });
  });

  describe('verified by the standardwebhooks library', () => {
    const current = generateSigningSecret();
    const previous = generateSigningSecret();
    const body = JSON.stringify({
      event_name: 'voice_campaign_request_closed',
      data: { subject: 'Zażółć gęślą jaźń ✓' },
    });
    const id = 'msg_2b1f0c3e';
    const timestamp = new Date();
    const rotated = signPayload({ id, timestamp, body, secrets: [current, previous] });

    it('puts one v1 signature per secret, in order, separated by one space', () => {
      const parts = rotated['webhook-signature'].split(' ');
      expect(parts).toHaveLength(2);
      expect(parts.every((part) => /^v1,[A-Za-z0-9+/]{43}=$/.test(part))).toBe(true);
      expect(parts[0]).toBe(signPayload({ id, timestamp, body, secrets: [current] })['webhook-signature']);
      expect(parts[1]).toBe(signPayload({ id, timestamp, body, secrets: [previous] })['webhook-signature']);
    });

    it.each([
      ['the new secret', current],
      ['the old secret', previous],
    ])('a rotated signature verifies with %s', (_label, secret) => {
      expect(new Webhook(secret).verify(body, { ...rotated })).toEqual(JSON.parse(body));
    });

    it('does not verify with an unrelated secret', () => {
      const stranger = new Webhook(generateSigningSecret());
      expect(() => stranger.verify(body, { ...rotated })).toThrow('No matching signature found');
    });

    it.each<[string, string, Record<string, string>]>([
      ['body', body.replace('closed', 'opened'), { ...rotated }],
      ['body (trailing newline)', `${body}\n`, { ...rotated }],
      ['timestamp', body, { ...rotated, 'webhook-timestamp': String(Number(rotated['webhook-timestamp']) - 1) }],
      ['id', body, { ...rotated, 'webhook-id': 'msg_2b1f0c3f' }],
    ])('a tampered %s fails', (_label, sentBody, headers) => {
      expect(() => new Webhook(current).verify(sentBody, headers)).toThrow('No matching signature found');
      expect(() => new Webhook(previous).verify(sentBody, headers)).toThrow('No matching signature found');
    });
  });

  describe('refuses', () => {
    const secret = generateSigningSecret();

    it.each<[string, Date | number, string]>([
      ['milliseconds', Date.now(), 'whole unix seconds'],
      ['a fraction', 1614265330.5, 'whole unix seconds'],
      ['a negative time', -1, 'whole unix seconds'],
      ['an invalid Date', new Date('nope'), 'whole unix seconds'],
    ])('a timestamp in %s', (_label, timestamp, message) => {
      expect(() => signPayload({ id: 'msg_1', timestamp, body: '{}', secrets: [secret] })).toThrow(message);
    });

    it('an empty id', () => {
      expect(() => signPayload({ id: '', timestamp: 1, body: '{}', secrets: [secret] })).toThrow(RangeError);
    });

    it('no secret at all', () => {
      const error = catchDeliverySettingError(() => signPayload({ id: 'msg_1', timestamp: 1, body: '{}', secrets: [] }));
      expect(error.setting).toBe('signingSecret');
      expect(error.message).toContain('at least one signing secret');
    });

    it('a malformed secret', () => {
      const secrets = [secret, 'sk_live_x'];
      const error = catchDeliverySettingError(() => signPayload({ id: 'msg_1', timestamp: 1, body: '{}', secrets }));
      expect(error.message).toContain('must start with "whsec_"');
    });
  });
});
