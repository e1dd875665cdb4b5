import { Webhook } from 'standardwebhooks';
import { generateSigningSecret } from '../signing/generate-signing-secret.util';
import { planAttempt } from './plan-attempt.util';

const delivery = {
  id: '01900000-0000-7000-8000-000000000001', url: 'https://receiver.example/hook', payload: '{"event_name":"x"}',
  headers: { appHash: 'abc' }, policy: { kind: 'bearer', timeoutMs: 2500, maxAttempts: 3 } as const, attempts: 0, applicationState: 'NEW' as const,
};

describe('planAttempt', () => {
  it('sends the stored body with custom headers, authorization and a signature every active secret verifies', () => {
    const [current, previous] = [generateSigningSecret(), generateSigningSecret()];
    const plan = planAttempt(delivery, { now: new Date('2026-01-01T00:00:00Z'), secrets: [current!, previous!], authorization: 'Bearer t0k', userAgent: 'Hookrelay/test' });
    expect(plan).toMatchObject({ url: delivery.url, body: delivery.payload, timeoutMs: 2500 });
    expect(plan.headers).toMatchObject({ appHash: 'abc', 'content-type': 'application/json', authorization: 'Bearer t0k', 'user-agent': 'Hookrelay/test', 'webhook-id': delivery.id, 'webhook-timestamp': '1767225600' });
    expect(plan.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    for (const secret of [current!, previous!]) {
      const webhook = new Webhook(secret);
      // standardwebhooks checks the timestamp against the clock: verify at the signing time.
      jest.useFakeTimers({ now: new Date('2026-01-01T00:00:01Z') });
      try {
        expect(webhook.verify(plan.body, plan.headers)).toEqual({ event_name: 'x' });
      } finally {
        jest.useRealTimers();
      }
    }
  });

  it('sends exactly one User-Agent and one Authorization whatever the stored custom headers spell', () => {
    const stored = { ...delivery, headers: { 'User-Agent': 'Mine/1', Authorization: 'Bearer forged', 'Webhook-Signature': 'v1,forged' } };
    const plan = planAttempt(stored, { now: new Date('2026-01-01T00:00:00Z'), secrets: [generateSigningSecret()], authorization: 'Bearer t0k', userAgent: 'Hookrelay/test' });
    const names = Object.keys(plan.headers).map((name) => name.toLowerCase());
    expect(names.filter((name) => name === 'user-agent')).toHaveLength(1);
    expect(names.filter((name) => name === 'authorization')).toHaveLength(1);
    expect(names.filter((name) => name === 'webhook-signature')).toHaveLength(1);
    expect(plan.headers).toMatchObject({ 'User-Agent': 'Mine/1', authorization: 'Bearer t0k' });
    expect(plan.headers['webhook-signature']).not.toContain('forged');
  });

  it('leaves the signature and authorization out when there are none, but keeps the id and timestamp', () => {
    const plan = planAttempt(delivery, { now: new Date('2026-01-01T00:00:00Z'), secrets: [], authorization: null, userAgent: 'Hookrelay' });
    expect(plan.headers).not.toHaveProperty('authorization');
    expect(plan.headers).not.toHaveProperty('webhook-signature');
    expect(plan.headers).toMatchObject({ 'webhook-id': delivery.id, 'webhook-timestamp': '1767225600' });
  });
});
