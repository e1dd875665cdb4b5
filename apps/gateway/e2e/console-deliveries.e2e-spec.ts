import { DeliveryDetailView, DeliveryLogPage, DeliverySummaryView, ReplayJobView } from '@hookrelay/contracts';
import { HttpReceiver, PlatformHandle, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { call, pollUntil } from './api-client';

const ADMIN = 'e2e-console-deliveries-admin-01';
const READ = 'e2e-console-deliveries-read-0001';
const OTHER = 'e2e-console-deliveries-other-001';
const HEADER_TOKEN = 'Bearer tok-0123456789abcdef0001';
const OK_APP = 31;
const FAILING_APP = 32;

/**
 * The console's delivery log and replays over the real platform (issue #12, CONSOLE-API.md "Deliveries" and
 * "Bulk replay jobs"): events to a real receiver, the log with filters and keyset paging, the detail with its
 * attempts and masked headers, replaying one and replaying "all failed to this subscription" as a job.
 */
describe('console deliveries and bulk replay (SQLite)', () => {
  let platform: PlatformHandle;
  let receiver: HttpReceiver;
  let base: string;

  const list = async (query: string, auth = ADMIN): Promise<DeliveryLogPage> => {
    const res = await call<DeliveryLogPage>(base, 'GET', `/hookrelay/v1/deliveries${query}`, { auth });
    if (res.status !== 200) throw new Error(`GET /hookrelay/v1/deliveries${query}: ${res.status} ${res.text}`);
    return res.json;
  };
  const send = async (app: number, eventName: string): Promise<void> => {
    const res = await call(base, 'POST', `/application/${app}/events`, { auth: ADMIN, body: { event_name: eventName, event_type: 'e2e', data: { eventName } } });
    if (res.status !== 202) throw new Error(`event ${eventName}: ${res.status} ${res.text}`);
  };
  const requestsTo = (path: string): HttpReceiver['requests'] => receiver.requests.filter((r) => r.url === path);

  beforeAll(async () => {
    platform = await startPlatform({
      natsUrl: testNatsUrl(), database: { sqlitePath: tempSqlitePath() }, apiKeys: `alpha:${ADMIN},alpha:${READ}:read,beta:${OTHER}`,
      env: { DELIVERY_ALLOW_CIDRS: '127.0.0.0/8' },
    });
    base = platform.baseUrl;
    receiver = await startReceiver();
    receiver.respondWith((request) => ({ status: request.url === '/ok' ? 200 : 500 }));
    for (const [app, path, headers] of [[OK_APP, '/ok', { Authorization: HEADER_TOKEN, 'X-Tenant': 'acme' }], [FAILING_APP, '/fail', {}]] as const) {
      const put = await call(base, 'PUT', `/application/${app}/webhook`, { auth: ADMIN, body: { url: receiver.url(path), retry_enabled: 0, headers } });
      expect(put.status).toBe(200);
    }
    for (const name of ['a1', 'a2', 'a3']) await send(OK_APP, name);
    for (const name of ['f1', 'f2', 'f3', 'f4']) await send(FAILING_APP, name);
    await pollUntil('all 7 deliveries closed', () => list('?limit=200'), (page) => page.data.length === 7 && page.data.every((d) => d.state === 'CLOSED'), 30_000);
  }, 120_000);

  afterAll(async () => {
    await receiver?.close();
    await platform?.stop();
  });

  it('lists newest first with filters, and keyset pages of 2 walk the log once', async () => {
    const all = (await list('')).data;
    expect(all.map((d) => d.created_at)).toEqual([...all.map((d) => d.created_at)].sort().reverse());
    const failed = await list(`?source=application_webhook&subscription_id=${FAILING_APP}&close_reason=EXHAUSTED`);
    expect(failed.data).toHaveLength(4);
    expect(failed.data.every((d) => d.last_status_code === 500 && d.attempts === 1 && d.url === receiver.url('/fail'))).toBe(true);
    expect((await list('?close_reason=DELIVERED')).data.map((d) => d.subscription_id)).toEqual(['31', '31', '31']);
    expect((await list(`?id=${all[3]!.id}`)).data.map((d) => d.id)).toEqual([all[3]!.id]);
    const paged: DeliverySummaryView[] = [];
    let before: string | null = null;
    do {
      const page: DeliveryLogPage = await list(`?limit=2${before ? `&before=${before}` : ''}`);
      expect(page.data.length).toBeLessThanOrEqual(2);
      paged.push(...page.data);
      before = page.next_before;
    } while (before);
    expect(paged.map((d) => d.id)).toEqual(all.map((d) => d.id));
  });

  it.each([
    ['state=DONE', 'state must be one of'],
    ['created_from=yesterday', 'created_from must be'],
    ['limit=201', 'limit must be an integer from 1 to 200'],
    ['before=garbage', 'before must be a next_before value'],
  ])('answers ?%s with a 400 naming the parameter', async (query, message) => {
    const res = await call<{ statusCode: number; error: string; message: string }>(base, 'GET', `/hookrelay/v1/deliveries?${query}`, { auth: ADMIN });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining(message) });
  });

  it('shows one delivery with its payload, attempts and the headers an attempt sends, credentials masked; replay sends it again with the same webhook-id', async () => {
    const [delivered] = (await list(`?subscription_id=${OK_APP}&limit=1`)).data;
    const detail = await call<{ data: DeliveryDetailView }>(base, 'GET', `/hookrelay/v1/deliveries/${delivered!.id}`, { auth: READ });
    expect(detail.status).toBe(200);
    expect(detail.json.data).toMatchObject({ id: delivered!.id, state: 'CLOSED', close_reason: 'DELIVERED', payload: expect.objectContaining({ event_name: 'a3' }) });
    expect(detail.json.data.attempts).toEqual([{ number: 1, attempted_at: expect.any(String), duration_ms: expect.any(Number), status_code: 200, error: null, response_snippet: expect.any(String) }]);
    expect(detail.json.data.headers).toMatchObject({
      Authorization: '********0001', 'X-Tenant': 'acme', 'content-type': 'application/json', 'webhook-id': delivered!.id,
      'webhook-timestamp': '<per attempt>', 'webhook-signature': 'v1,********',
    });
    expect(JSON.stringify(detail.json.data.headers)).not.toContain('tok-0123456789abcdef');

    const before = requestsTo('/ok').length;
    const replay = await call(base, 'POST', `/hookrelay/v1/deliveries/${delivered!.id}/replay`, { auth: ADMIN });
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual({ data: { replayed: true, id: delivered!.id } });
    const [again] = (await pollUntil('the replayed request', async () => requestsTo('/ok'), (rs) => rs.length > before, 15_000)).slice(before);
    expect(again!.headers['webhook-id']).toBe(delivered!.id);
    const after = await pollUntil('the second attempt recorded', () => call<{ data: DeliveryDetailView }>(base, 'GET', `/hookrelay/v1/deliveries/${delivered!.id}`, { auth: ADMIN }),
      (res) => res.json.data.attempts.length === 2, 15_000);
    expect(after.json.data.attempts.map((a) => a.status_code)).toEqual([200, 200]);
  });

  it('replays "all failed to this subscription" as a job: pressing twice is one job, it completes with matched == replayed, the receiver gets each again', async () => {
    const failedIds = (await list(`?subscription_id=${FAILING_APP}&close_reason=EXHAUSTED`)).data.map((d) => d.id).sort();
    const before = requestsTo('/fail').length;
    const body = { filter: { subscription_id: String(FAILING_APP), close_reason: 'EXHAUSTED' } };
    const presses = await Promise.all([1, 2].map(() => call<{ data: ReplayJobView }>(base, 'POST', '/hookrelay/v1/replays', { auth: ADMIN, body })));
    expect(presses.map((p) => p.status).sort()).toEqual([200, 202]);
    expect(presses[0]!.json.data.id).toBe(presses[1]!.json.data.id);
    const id = presses[0]!.json.data.id;
    const done = await pollUntil('the job to complete', () => call<{ data: ReplayJobView }>(base, 'GET', `/hookrelay/v1/replays/${id}`, { auth: READ }),
      (res) => res.json.data.status === 'completed', 20_000);
    expect(done.json.data).toMatchObject({ matched: 4, replayed: 4, error: null, filter: { subscription_id: '32', close_reason: 'EXHAUSTED' } });
    const again = (await pollUntil('4 replayed requests', async () => requestsTo('/fail'), (rs) => rs.length >= before + 4, 15_000)).slice(before);
    expect(again.map((r) => String(r.headers['webhook-id'])).sort()).toEqual(failedIds);
    const jobs = await call<{ data: ReplayJobView[] }>(base, 'GET', '/hookrelay/v1/replays', { auth: READ });
    expect(jobs.json.data.map((j) => j.id)).toContain(id);
    const keyed = await Promise.all([1, 2].map(() => call<{ data: ReplayJobView }>(base, 'POST', '/hookrelay/v1/replays', {
      auth: ADMIN, body: { filter: { source: 'application_webhook', created_to: '2000-01-01T00:00:00Z' } }, headers: { 'idempotency-key': 'console-e2e-1' },
    })));
    expect(keyed.map((k) => k.json.data.id)[0]).toBe(keyed[1]!.json.data.id);
  }, 60_000);

  it('never shows or replays tenant A\'s deliveries or jobs to tenant B', async () => {
    expect((await list('', OTHER)).data).toEqual([]);
    const [mine] = (await list('?limit=1')).data;
    const [job] = (await call<{ data: ReplayJobView[] }>(base, 'GET', '/hookrelay/v1/replays', { auth: ADMIN })).json.data;
    expect((await call(base, 'GET', `/hookrelay/v1/deliveries/${mine!.id}`, { auth: OTHER })).status).toBe(404);
    expect((await call(base, 'POST', `/hookrelay/v1/deliveries/${mine!.id}/replay`, { auth: OTHER })).status).toBe(404);
    expect((await call(base, 'GET', `/hookrelay/v1/replays/${job!.id}`, { auth: OTHER })).status).toBe(404);
    expect((await call<{ data: ReplayJobView[] }>(base, 'GET', '/hookrelay/v1/replays', { auth: OTHER })).json.data).toEqual([]);
  });

  it('refuses a read key the replays (403) while it reads the log', async () => {
    const [mine] = (await list('?limit=1', READ)).data;
    expect((await call(base, 'POST', `/hookrelay/v1/deliveries/${mine!.id}/replay`, { auth: READ })).status).toBe(403);
    expect((await call(base, 'POST', '/hookrelay/v1/replays', { auth: READ, body: { filter: {} } })).status).toBe(403);
  });
});
