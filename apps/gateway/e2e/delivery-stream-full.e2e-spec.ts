import { STREAMS } from '@hookrelay/contracts';
import { HttpReceiver, PlatformHandle, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { connect, NatsConnection } from 'nats';
import { call, pollUntil } from './api-client';

const KEY = 'e2e-delivery-full-key-0001';
const MAX_BYTES = 16 * 1024;

/**
 * A full delivery job stream (DELIVERY_STREAM_MAX_BYTES tiny, discard new) while no worker takes jobs
 * (DELIVERY_WORKER=false): the API answers 503 with Retry-After before storing anything; once workers run
 * again and drain the stream it accepts again, and every event it accepted before is delivered.
 */
describe('a full delivery job stream', () => {
  let platform: PlatformHandle;
  let nc: NatsConnection;
  let receiver: HttpReceiver;
  const event = (n: number): ReturnType<typeof call> =>
    call(platform.baseUrl, 'POST', '/application/7/events', { auth: KEY, body: { event_name: 'dialog_create', event_type: 'user_dialog', data: { n, pad: 'x'.repeat(1000) } } });

  beforeAll(async () => {
    nc = await connect({ servers: testNatsUrl() });
    platform = await startPlatform({
      natsUrl: testNatsUrl(), database: { sqlitePath: tempSqlitePath() }, apiKeys: `full:${KEY}`,
      env: { DELIVERY_STREAM_MAX_BYTES: String(MAX_BYTES), DELIVERY_WORKER: 'false', DELIVERY_ALLOW_CIDRS: '127.0.0.0/8' },
    });
    receiver = await startReceiver();
    // The stream is shared with earlier suites on this nats-server: start from empty.
    await (await nc.jetstreamManager()).streams.purge(STREAMS.deliveryJobs.name);
  }, 120_000);

  afterAll(async () => {
    await (await nc?.jetstreamManager())?.streams.purge(STREAMS.deliveryJobs.name).catch(() => undefined);
    await nc?.close();
    await receiver?.close();
    await platform?.stop();
  });

  it('has the configured caps, discarding new jobs', async () => {
    const { config } = await (await nc.jetstreamManager()).streams.info(STREAMS.deliveryJobs.name);
    expect(config).toMatchObject({ max_bytes: MAX_BYTES, discard: 'new', max_age: 7 * 86_400 * 1e9 });
  });

  it('answers 503 with Retry-After when full, accepts again once drained, and delivers everything it accepted', async () => {
    receiver.respondWith(() => ({ status: 200 }));
    expect((await call(platform.baseUrl, 'PUT', '/application/7/webhook', { auth: KEY, body: { url: receiver.url('/hook'), retry_enabled: 0 } })).status).toBe(200);
    const accepted: number[] = [];
    let refused: Awaited<ReturnType<typeof call>> | undefined;
    for (let n = 0; n < 100 && !refused; n++) {
      const res = await event(n);
      if (res.status === 202) accepted.push(n);
      else refused = res;
    }
    expect(accepted.length).toBeGreaterThan(3);
    expect(refused?.status).toBe(503);
    expect(refused?.headers.get('retry-after')).toBe('5');
    expect(JSON.stringify(refused?.json)).toContain('the delivery queue is full');
    // Still full: refused again, nothing stored meanwhile.
    expect((await event(1000)).status).toBe(503);

    // Workers again: they drain the stream, the scheduler publishes what waited, and the API accepts.
    await platform.restart({ DELIVERY_WORKER: 'true' });
    let later = -1;
    await pollUntil('accepting again', async () => (await event(2000)).status, (status) => {
      if (status === 202) later = 2000;
      return status === 202;
    }, 60_000);
    const expected = new Set([...accepted, later]);
    const received = async (): Promise<Set<number>> => new Set(receiver.requests.map((r) => (JSON.parse(r.body) as { data: { n: number } }).data.n));
    await pollUntil('every accepted event delivered', received, (got) => [...expected].every((n) => got.has(n)), 60_000);
    // Nothing refused was stored and delivered later.
    expect((await received()).has(1000)).toBe(false);
  }, 180_000);
});
