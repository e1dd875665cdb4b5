import { CallbackView } from '@hookrelay/contracts';
import { createTestDatabase, HttpReceiver, PlatformHandle, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { randomUUID } from 'node:crypto';
import { ApiResponse, call, pollUntil } from './api-client';

const LIMITED = 'e2e-quota-limited-admin-01';
const CALM = 'e2e-quota-calm-admin-0001';
const LOOPS = 'e2e-quota-loops-admin-001';
const MAILBOX = '5d0c1a4e-0000-4000-8000-00000000000a';
/** Every tenant: 1 event/s, bursts of 5; the loop tenant is unlimited (an override). */
const QUOTA_ENV = { INGEST_RATE_PER_SECOND: '1', INGEST_BURST: '5', INGEST_RATE_OVERRIDES: 'loops:0', MAX_CALLBACKS_PER_MAILBOX: '3' };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function envelope(): Record<string, unknown> {
  return {
    uuid: randomUUID(), label: ['quota'], status: 'COMPLETED', subject: 'quota', receiveDate: Date.now(), expireDate: null,
    template: '3fa85f64-5717-4562-b3fc-2c963f66afa6', sender: '7c9e6679-7425-40de-944b-e07fc1f90ae7', scope: 'inbox',
  };
}

function expectRetryAfter(res: ApiResponse): number {
  const seconds = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(seconds)).toBe(true);
  expect(seconds).toBeGreaterThanOrEqual(1);
  return seconds;
}

describe.each(['sqlite', 'postgres'] as const)('per-tenant ingest quotas on %s', (driver) => {
  let platform: PlatformHandle;
  let receiver: HttpReceiver;
  let base: string;
  const events = (key: string, body: unknown): Promise<ApiResponse> =>
    call(base, 'POST', '/api/v1/envelope/events', { auth: `Bearer ${key}`, headers: { mailbox: MAILBOX }, body });
  const deliveries = async (key: string): Promise<CallbackView[]> => (await call<{ data: CallbackView[] }>(base, 'GET', '/callback', { auth: key })).json.data;

  beforeAll(async () => {
    const database = driver === 'sqlite' ? { sqlitePath: tempSqlitePath() } : { postgresUrl: await createTestDatabase('quotas') };
    platform = await startPlatform({
      natsUrl: testNatsUrl(), database, apiKeys: `limited:${LIMITED},calm:${CALM},loops:${LOOPS}`, env: { DELIVERY_ALLOW_CIDRS: '127.0.0.0/8', ...QUOTA_ENV },
    });
    base = platform.baseUrl;
    receiver = await startReceiver();
    for (const key of [LIMITED, CALM]) {
      const added = await call(base, 'POST', '/api/v1/envelope/callback/add', {
        auth: `Bearer ${key}`, headers: { mailbox: MAILBOX }, body: { filter: {}, url: receiver.url(`/${key}`), retries: 0, timeout: 5000 },
      });
      expect(added.status).toBe(201);
    }
  }, 120_000);

  afterAll(async () => {
    await receiver?.close();
    await platform?.stop();
  });

  it('DocStudio: a batch over what is left is refused whole with 429 + Retry-After, nothing of it is stored, another tenant is unaffected, and after Retry-After it is accepted', async () => {
    expect((await events(LIMITED, [envelope(), envelope(), envelope(), envelope(), envelope()])).status).toBe(202);
    const refused = await events(LIMITED, [envelope(), envelope(), envelope()]);
    expect(refused.status).toBe(429);
    expect(refused.json).toEqual({ code: 429, message: expect.stringMatching(/^ingest rate limit exceeded: this tenant may send 1 events per second \(bursts up to 5\); this request's 3 event\(s\) were not accepted, retry after \d+ s$/) });
    const retryAfter = expectRetryAfter(refused);

    // Another tenant with the same limit still has its whole burst.
    expect((await events(CALM, [envelope(), envelope(), envelope(), envelope(), envelope()])).status).toBe(202);

    // Nothing of the refused batch was stored: the 5 accepted events made 5 deliveries, no more.
    await pollUntil('the 5 accepted deliveries', () => deliveries(LIMITED), (list) => list.length >= 5);
    await sleep(500);
    expect(await deliveries(LIMITED)).toHaveLength(5);

    await sleep(retryAfter * 1000);
    expect((await events(LIMITED, [envelope(), envelope(), envelope()])).status).toBe(202);
    await pollUntil('the 3 later deliveries', () => deliveries(LIMITED), (list) => list.length === 8);
  }, 60_000);

  it('Conpeek: single events count one each; past the burst a 429 in the Conpeek shape, and the refusal is counted in /metrics', async () => {
    const put = await call(base, 'PUT', '/application/1/webhook', { auth: CALM, body: { url: receiver.url('/app'), retry_enabled: 0 } });
    expect(put.status).toBe(200);
    // CALM spent its burst above; let it refill completely.
    await sleep(5_500);
    const statuses: number[] = [];
    let refused: ApiResponse | undefined;
    for (let i = 0; i < 12 && !refused; i++) {
      const res = await call(base, 'POST', '/application/1/events', { auth: CALM, body: { event_name: 'n', event_type: 't', data: { i } } });
      statuses.push(res.status);
      if (res.status === 429) refused = res;
    }
    // 5 from the burst, and at most what refilled meanwhile (1/s).
    expect(statuses.filter((s) => s === 202).length).toBeGreaterThanOrEqual(5);
    expect(refused?.json).toEqual({ success: false, error: { code: 429, message: expect.stringMatching(/^ingest rate limit exceeded/) } });
    expectRetryAfter(refused!);
    const metrics = await call(base, 'GET', '/metrics');
    expect(metrics.text).toMatch(/hookrelay_ingest_refused_total\{api="conpeek",reason="rate_limit"\} [1-9]/);
    expect(metrics.text).toMatch(/hookrelay_ingest_refused_total\{api="docstudio",reason="rate_limit"\} [1-9]/);
  }, 60_000);

  it('caps the callbacks of a mailbox (MAX_CALLBACKS_PER_MAILBOX) with a DocStudio 400', async () => {
    const mailbox = randomUUID();
    const add = (): Promise<ApiResponse> =>
      call(base, 'POST', '/api/v1/envelope/callback/add', {
        auth: `Bearer ${CALM}`, headers: { mailbox }, body: { filter: {}, url: receiver.url('/cap'), retries: 0, timeout: 5000 },
      });
    for (let i = 0; i < 3; i++) expect((await add()).status).toBe(201);
    const fourth = await add();
    expect(fourth.status).toBe(400);
    expect(fourth.json).toEqual({ code: 400, message: 'this mailbox already has the most callbacks allowed (3): remove one first' });
  });

  if (driver === 'sqlite') {
    it('refuses our own deliveries on the accept endpoints: two applications pointed at each other fail once instead of looping', async () => {
      const hop = (to: number): Record<string, unknown> => ({
        url: `${base}/application/${to}/events`, retry_enabled: 1, retry_config: { retry_value: 0.2, max_retries: 1, backoff_type: 'constant', backoff_value: 0 },
        headers: { Authorization: LOOPS },
      });
      expect((await call(base, 'PUT', '/application/1/webhook', { auth: LOOPS, body: hop(2) })).status).toBe(200);
      expect((await call(base, 'PUT', '/application/2/webhook', { auth: LOOPS, body: hop(1) })).status).toBe(200);
      const sent = await call<{ data: { id: string } }>(base, 'POST', '/application/1/events', { auth: LOOPS, body: { event_name: 'ping', event_type: 'loop', data: {} } });
      expect(sent.status).toBe(202);

      const closed = await pollUntil(
        'the delivery to close',
        async () => (await call<{ data: CallbackView }>(base, 'GET', `/callback/${sent.json.data.id}`, { auth: LOOPS })).json.data,
        (c) => c.state === 'CLOSED',
        20_000,
      );
      expect(closed).toMatchObject({ close_reason: 'EXHAUSTED', attempts: 2 });
      for (const attempt of closed.call_history!) {
        expect(attempt.status_code).toBe(400);
        expect(JSON.parse(attempt.response)).toEqual({ success: false, error: { code: 400, message: expect.stringMatching(/^loop detected: this request was sent by Hookrelay/) } });
      }
      // No event was created by the hops: the tenant's log holds the one delivery, and stays so.
      expect(await deliveries(LOOPS)).toHaveLength(1);
      await sleep(3_000);
      expect(await deliveries(LOOPS)).toHaveLength(1);
      const metrics = await call(base, 'GET', '/metrics');
      expect(metrics.text).toMatch(/hookrelay_ingest_refused_total\{api="conpeek",reason="loop"\} [1-9]/);
    }, 60_000);
  }
});
