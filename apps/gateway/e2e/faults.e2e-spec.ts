import { CallbackView } from '@hookrelay/contracts';
import {
  HttpReceiver, NatsServerHandle, PlatformHandle, PostgresHandle, SERVICE_APPS, startNatsServer, startPlatform, startPostgres, startReceiver,
  tempSqlitePath,
} from '@hookrelay/testing';
import { call } from './api-client';

const KEY = 'e2e-faults-admin-key-0001';
const N = 150;
/** Short enough for a test, longer than any attempt here (the receiver answers within ~30 ms). */
const FAST_RECOVERY = {
  DELIVERY_ALLOW_CIDRS: '127.0.0.0/8', DELIVERY_ACK_WAIT_MS: '6000', DELIVERY_ATTEMPT_TIMEOUT_CAP_MS: '1000',
  // 3 worker processes x 4 slots against a receiver taking 50 ms: the run lasts long enough to be cut.
  DELIVERY_MAX_PER_ENDPOINT: '4',
};

async function sendEvents(base: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 25) {
    const batch = await Promise.all(Array.from({ length: Math.min(25, count - i) }, (_, j) =>
      call<{ data: { id: string } }>(base, 'POST', '/application/1/events', { auth: KEY, body: { event_name: 'fault.test', event_type: 'test', data: { n: i + j } } })));
    for (const res of batch) {
      expect(res.status).toBe(202);
      ids.push(res.json.data.id);
    }
  }
  return ids;
}

async function allDelivered(receiver: HttpReceiver, ids: string[], timeoutMs: number): Promise<Set<string>> {
  const wanted = new Set(ids);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = new Set(receiver.requests.map((r) => String(r.headers['webhook-id'])));
    if ([...wanted].every((id) => seen.has(id)) || Date.now() > deadline) return seen;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The fault must hit a run in progress: some accepted deliveries have not reached the receiver yet. */
function expectSomePending(receiver: HttpReceiver, ids: string[]): void {
  const delivered = new Set(receiver.requests.map((r) => String(r.headers['webhook-id'])));
  expect(ids.filter((id) => !delivered.has(id)).length).toBeGreaterThan(0);
}

async function expectNothingLost(platform: PlatformHandle, receiver: HttpReceiver, ids: string[]): Promise<void> {
  const seen = await allDelivered(receiver, ids, 60_000);
  const missing = ids.filter((id) => !seen.has(id));
  expect(missing).toEqual([]);
  // Duplicates are allowed (at-least-once) but carry the same webhook-id: no request came for an unknown id.
  expect([...seen].filter((id) => !ids.includes(id))).toEqual([]);
  // The log converges too: an attempt whose record failed (database down) is retried and recorded.
  const path = `/callback?limit=1000&filter=${encodeURIComponent('[{"property":"close_reason","value":"DELIVERED"}]')}`;
  const deadline = Date.now() + 30_000;
  let closed: CallbackView[] = [];
  while (Date.now() < deadline) {
    const log = await call<{ data: CallbackView[] }>(platform.baseUrl, 'GET', path, { auth: KEY });
    closed = (log.json?.data ?? []).filter((c) => ids.includes(c.id));
    if (closed.length === ids.length) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(closed).toHaveLength(ids.length);
}

describe('nothing is lost', () => {
  let nats: NatsServerHandle;
  let receiver: HttpReceiver;
  let platform: PlatformHandle | undefined;

  beforeEach(async () => {
    nats = await startNatsServer();
    receiver = await startReceiver({ respond: { status: 200, delayMs: 50 } });
  });

  afterEach(async () => {
    await platform?.stop();
    platform = undefined;
    await receiver.close();
    await nats.stop();
  });

  async function start(database: { sqlitePath: string } | { postgresUrl: string }): Promise<PlatformHandle> {
    const started = await startPlatform({ natsUrl: nats.url, database, apiKeys: `faults:${KEY}`, env: FAST_RECOVERY });
    const put = await call(started.baseUrl, 'PUT', '/application/1/webhook', {
      auth: KEY, body: { url: receiver.url('/sink'), retry_enabled: 1, retry_config: { retry_value: 0.2, max_retries: 10, backoff_type: 'constant', backoff_value: 0 } },
    });
    expect(put.status).toBe(200);
    return started;
  }

  it(`kill -9 of every worker process mid-run: ${N} accepted, ${N} delivered`, async () => {
    platform = await start({ sqlitePath: tempSqlitePath() });
    const ids = await sendEvents(platform.baseUrl, N);
    await receiver.waitForRequests(10, 10_000);
    expectSomePending(receiver, ids);
    for (const replica of platform.apps().filter((r) => SERVICE_APPS.includes(r.app))) await platform.stopApp(replica, 'SIGKILL');
    expectSomePending(receiver, ids);
    for (const app of SERVICE_APPS) await platform.startApp(app);
    await expectNothingLost(platform, receiver, ids);
  }, 120_000);

  it(`kill -9 of nats-server mid-run, then a restart: ${N} accepted, ${N} delivered`, async () => {
    platform = await start({ sqlitePath: tempSqlitePath() });
    const ids = await sendEvents(platform.baseUrl, N);
    await receiver.waitForRequests(10, 10_000);
    await nats.kill();
    expectSomePending(receiver, ids);
    await new Promise((r) => setTimeout(r, 1000));
    await nats.restart();
    await expectNothingLost(platform, receiver, ids);
  }, 120_000);

  it(`PostgreSQL restart mid-run: ${N} accepted, ${N} delivered`, async () => {
    const pg: PostgresHandle = await startPostgres();
    try {
      platform = await start({ postgresUrl: pg.url });
      const ids = await sendEvents(platform.baseUrl, N);
      await receiver.waitForRequests(10, 10_000);
      await pg.kill();
      expectSomePending(receiver, ids);
      await new Promise((r) => setTimeout(r, 1000));
      await pg.restart();
      await expectNothingLost(platform, receiver, ids);
    } finally {
      await platform?.stop();
      platform = undefined;
      await pg.stop();
    }
  }, 120_000);
});
