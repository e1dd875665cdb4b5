import { RETIRED_STREAM_NAMES, STREAMS } from '@hookrelay/contracts';
import { HttpReceiver, PlatformHandle, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { connect, NatsConnection, RetentionPolicy, StorageType } from 'nats';
import { call, pollUntil } from './api-client';

const KEY = 'e2e-exec-limits-key-00001';
const MAX_BYTES = 64 * 1024;
const FULL = { error_code: 1503, error_message: 'too many /exec requests are waiting for their handlers; retry later' };

/**
 * H6: async /exec requests nobody consumes must not fill the JetStream store the delivery jobs need.
 * The exec stream is capped (here tiny) and refuses new requests when full; /exec answers 503 with
 * Retry-After, and events keep being accepted and delivered.
 */
describe('a full /exec stream', () => {
  let platform: PlatformHandle;
  let nc: NatsConnection;
  let receiver: HttpReceiver;
  const exec = (token: string, body: string): ReturnType<typeof call> => call(platform.baseUrl, 'POST', '/exec', { auth: `Bearer ${token}`, rawBody: body, headers: { 'content-type': 'text/plain' } });
  const channel = async (code: string): Promise<string> =>
    (await call<{ token_local: string }>(platform.baseUrl, 'POST', '/rest/v1/service/integration_points', { auth: KEY, body: { code, type: 'public', recv_svcscriptcode: code } })).json.token_local;

  beforeAll(async () => {
    nc = await connect({ servers: testNatsUrl() });
    // An installation upgraded from v1: the retired stream still holds a request.
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: RETIRED_STREAM_NAMES.execRequestsV1, subjects: ['integration-points.exec-request.*.v1'], retention: RetentionPolicy.Workqueue, storage: StorageType.File });
    await nc.jetstream().publish('integration-points.exec-request.crm.v1', new TextEncoder().encode('{}'));
    platform = await startPlatform({
      natsUrl: testNatsUrl(), database: { sqlitePath: tempSqlitePath() }, apiKeys: `limits:${KEY}`,
      env: { EXEC_STREAM_MAX_BYTES: String(MAX_BYTES), EXEC_STREAM_MAX_MSGS_PER_SUBJECT: '3', DELIVERY_ALLOW_CIDRS: '127.0.0.0/8' },
    });
    receiver = await startReceiver();
    // The stream is shared with earlier suites on this nats-server: start from empty.
    await (await nc.jetstreamManager()).streams.purge(STREAMS.execRequests.name);
  }, 120_000);

  afterAll(async () => {
    // Leave nothing behind for later suites (their platforms reset the limits at boot).
    const jsm = await nc?.jetstreamManager();
    await jsm?.streams.purge(STREAMS.execRequests.name).catch(() => undefined);
    await jsm?.streams.delete(RETIRED_STREAM_NAMES.execRequestsV1).catch(() => undefined);
    await nc?.close();
    await receiver?.close();
    await platform?.stop();
  });

  it('leaves the retired v1 stream to its handlers, and says at boot to drain and delete it', async () => {
    expect((await (await nc.jetstreamManager()).streams.info(RETIRED_STREAM_NAMES.execRequestsV1)).state.messages).toBe(1);
    await pollUntil('the boot note', async () => platform.logs(), (logs) => logs.includes('stream INTEGRATION_EXEC_REQUESTS (v1 /exec requests) still holds 1 message(s)'));
  });

  it('has the configured caps, discarding new requests', async () => {
    const { config } = await (await nc.jetstreamManager()).streams.info(STREAMS.execRequests.name);
    expect(config).toMatchObject({ max_bytes: MAX_BYTES, max_msgs_per_subject: 3, discard: 'new', discard_new_per_subject: true, max_age: 7 * 86_400 * 1e9 });
  });

  it('one channel at its per-subject cap answers 503 with Retry-After while another channel is still accepted', async () => {
    const busy = await channel('busy_hook');
    for (let i = 0; i < 3; i++) expect((await exec(busy, `small ${i}`)).status).toBe(200);
    const refused = await exec(busy, 'one too many');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(refused.json).toEqual(FULL);
    expect((await exec(await channel('quiet_hook'), 'still fine')).status).toBe(200);
  });

  it('when the stream is full: 503 with Retry-After, and webhook events are still accepted and delivered', async () => {
    const filler = await channel('filler_hook');
    const big = 'x'.repeat(20 * 1024);
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 10 && !refused; i++) {
      const res = await exec(filler, big);
      statuses.push(res.status);
      if (res.status !== 200) refused = res;
    }
    expect(statuses.slice(0, -1).every((s) => s === 200) && statuses.length > 1).toBe(true);
    expect(refused?.status).toBe(503);
    expect(refused?.headers.get('retry-after')).toBe('30');
    expect(refused?.json).toEqual(FULL);
    // Full for everyone, not just that channel: the bytes cap is the stream's.
    expect((await exec(await channel('late_hook'), big)).status).toBe(503);

    // Delivery jobs live in their own stream: accepted and delivered as usual.
    receiver.respondWith(() => ({ status: 200 }));
    expect((await call(platform.baseUrl, 'PUT', '/application/7/webhook', { auth: KEY, body: { url: receiver.url('/hook'), retry_enabled: 0 } })).status).toBe(200);
    const event = await call(platform.baseUrl, 'POST', '/application/7/events', { auth: KEY, body: { event_name: 'dialog_create', event_type: 'user_dialog', data: { n: 1 } } });
    expect(event.status).toBe(202);
    const [delivered] = await receiver.waitForRequests(1, 15_000);
    expect(JSON.parse(delivered!.body)).toMatchObject({ event_name: 'dialog_create', data: { n: 1 } });
  });
});
