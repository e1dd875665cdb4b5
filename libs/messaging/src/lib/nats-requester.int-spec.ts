import { testNatsUrl } from '@hookrelay/testing';
import { connect, NatsConnection } from 'nats';
import { randomBytes } from 'node:crypto';
import { TimeoutError } from 'rxjs';
import { NatsRequester } from './nats-requester';

/**
 * NatsRequester against a real nats-server, with a responder that answers in Nest's reply format and can drop
 * messages (what a NATS node dying with a request or its reply in flight does).
 */
describe('NatsRequester re-sending an idempotent request (real nats-server)', () => {
  let responderConnection: NatsConnection;
  let requester: NatsRequester;

  beforeAll(async () => {
    responderConnection = await connect({ servers: testNatsUrl() });
    requester = new NatsRequester({ servers: [testNatsUrl()], name: 'nats-requester-int' });
    await requester.connect();
  });

  afterAll(async () => {
    await requester.close();
    await responderConnection.close();
  });

  /** Answers `{id, response: n, isDisposed}` to every message after dropping the first `drop`; counts what it received. */
  async function responder(drop: number): Promise<{ subject: string; received: () => number }> {
    const subject = `test.requester.${randomBytes(4).toString('hex')}`;
    let received = 0;
    responderConnection.subscribe(subject, {
      callback: (_error, msg) => {
        received++;
        if (received <= drop) return;
        const { id } = JSON.parse(new TextDecoder().decode(msg.data)) as { id: string };
        msg.respond(new TextEncoder().encode(JSON.stringify({ id, response: received, isDisposed: true })));
      },
    });
    await responderConnection.flush();
    return { subject, received: () => received };
  }

  it('a lost request is sent again after resendAfterMs and answered by the repeat', async () => {
    const { subject, received } = await responder(1);
    const started = Date.now();
    await expect(requester.request(subject, { idempotencyKey: 'k' }, 3_000, undefined, 200)).resolves.toBe(2);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(received()).toBe(2);
  });

  it('stops re-sending once answered, and the first answer wins', async () => {
    const { subject, received } = await responder(0);
    await expect(requester.request(subject, { idempotencyKey: 'k' }, 3_000, undefined, 100)).resolves.toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(received()).toBe(1);
  });

  it('without resendAfterMs a lost request is never sent again: it times out', async () => {
    const { subject, received } = await responder(1);
    await expect(requester.request(subject, {}, 600)).rejects.toBeInstanceOf(TimeoutError);
    expect(received()).toBe(1);
  });

  it('re-sends until the timeout when nothing ever answers, then stops', async () => {
    const { subject, received } = await responder(Number.MAX_SAFE_INTEGER);
    await expect(requester.request(subject, { idempotencyKey: 'k' }, 550, undefined, 200)).rejects.toBeInstanceOf(TimeoutError);
    const atTimeout = received();
    expect(atTimeout).toBe(3); // at 0, 200 and 400 ms
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(received()).toBe(atTimeout);
  });
});
