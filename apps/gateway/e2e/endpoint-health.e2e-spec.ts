import { CallbackView } from '@hookrelay/contracts';
import { HttpReceiver, PlatformHandle, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { call, pollUntil } from './api-client';

const KEY = 'e2e-health-admin-key-0001';

describe('subscription health: a failing subscription is paused, resumed by a recall or the API', () => {
  let platform: PlatformHandle;
  let receiver: HttpReceiver;
  let base: string;
  const log = (id: string): Promise<CallbackView> => call<{ data: CallbackView }>(base, 'GET', `/callback/${id}`, { auth: KEY }).then((r) => r.json.data);
  const event = (app: number): Promise<string> =>
    call<{ data: { id: string } }>(base, 'POST', `/application/${app}/events`, { auth: KEY, body: { event_name: 'e', event_type: 't', data: {} } }).then((r) => r.json.data.id);
  /**
   * The worker records the attempt that closes a delivery first and pauses its subscription just after: a delivery
   * accepted in between is still attempted. Wait for the pause itself before testing what a paused subscription does.
   */
  const pausedApplication = (app: number): Promise<Array<{ source: string; subscription_id: string }>> => pollUntil(`application ${app}'s webhook to be paused`,
    () => call<{ data: Array<{ source: string; subscription_id: string }> }>(base, 'GET', '/hookrelay/v1/subscriptions/paused', { auth: KEY }).then((r) => r.json.data),
    (paused) => paused.some((p) => p.source === 'application_webhook' && p.subscription_id === String(app)));

  beforeAll(async () => {
    platform = await startPlatform({
      natsUrl: testNatsUrl(), database: { sqlitePath: tempSqlitePath() }, apiKeys: `health:${KEY}`,
      env: { DELIVERY_ALLOW_CIDRS: '127.0.0.0/8', DELIVERY_PAUSE_AFTER_MS: '600' },
    });
    base = platform.baseUrl;
  }, 120_000);

  beforeEach(async () => {
    receiver = await startReceiver();
  });

  afterEach(async () => {
    await receiver.close();
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('410 Gone pauses the endpoint at once; later deliveries close as DISABLED unattempted; a recall resumes', async () => {
    await call(base, 'PUT', '/application/1/webhook', { auth: KEY, body: { url: receiver.url('/gone'), retry_enabled: 1, retry_config: { retry_value: 0.1, max_retries: 3, backoff_type: 'constant', backoff_value: 0 } } });
    receiver.respondWith(() => ({ status: 410 }));
    const first = await event(1);
    expect(await pollUntil('the 410 to close it', () => log(first), (c) => c.state === 'CLOSED')).toMatchObject({ close_reason: 'DISABLED', attempts: 1 });
    await pausedApplication(1);
    const second = await event(1);
    expect(await pollUntil('the paused endpoint to close it', () => log(second), (c) => c.state === 'CLOSED')).toMatchObject({ close_reason: 'DISABLED', attempts: 0 });
    expect(receiver.requests).toHaveLength(1);

    receiver.respondWith(() => ({ status: 200 }));
    expect((await call(base, 'POST', `/callback/${second}/recall`, { auth: KEY })).status).toBe(202);
    expect(await pollUntil('the recall to deliver', () => log(second), (c) => c.close_reason === 'DELIVERED')).toMatchObject({ attempts: 1 });
    const third = await event(1);
    expect(await pollUntil('traffic to flow again', () => log(third), (c) => c.state === 'CLOSED')).toMatchObject({ close_reason: 'DELIVERED' });
  });

  it('pauses one subscription, not the tenant\'s other subscriptions on the same host', async () => {
    const retry = { retry_enabled: 0 };
    await call(base, 'PUT', '/application/10/webhook', { auth: KEY, body: { url: receiver.url('/stale-hook'), ...retry } });
    await call(base, 'PUT', '/application/11/webhook', { auth: KEY, body: { url: receiver.url('/live-hook'), ...retry } });
    receiver.respondWith((request) => ({ status: request.url.startsWith('/stale-hook') ? 410 : 200 }));
    const stale = await event(10);
    expect(await pollUntil('the 410', () => log(stale), (c) => c.state === 'CLOSED')).toMatchObject({ close_reason: 'DISABLED' });
    const live = await Promise.all([event(11), event(11), event(11)]);
    for (const id of live) expect(await pollUntil('the other subscription', () => log(id), (c) => c.state === 'CLOSED')).toMatchObject({ close_reason: 'DELIVERED' });
  });

  it('webhook-delivery: disable pauses like a 410; the paused list shows it; resuming re-sends what closed DISABLED', async () => {
    await call(base, 'PUT', '/application/20/webhook', { auth: KEY, body: { url: receiver.url('/please-stop'), retry_enabled: 0 } });
    receiver.respondWith(() => ({ status: 200, headers: { 'webhook-delivery': 'disable' } }));
    const first = await event(20);
    expect(await pollUntil('the disable', () => log(first), (c) => c.state === 'CLOSED')).toMatchObject({ close_reason: 'DISABLED', attempts: 1 });
    await pausedApplication(20);
    const second = await event(20);
    expect(await pollUntil('the paused subscription to close it', () => log(second), (c) => c.state === 'CLOSED')).toMatchObject({ close_reason: 'DISABLED', attempts: 0 });

    const paused = await call<{ data: Array<{ source: string; subscription_id: string; url: string; last_error: string | null }> }>(base, 'GET', '/hookrelay/v1/subscriptions/paused', { auth: KEY });
    expect(paused.status).toBe(200);
    expect(paused.json.data).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'application_webhook', subscription_id: '20', url: receiver.url('/please-stop') })]));

    receiver.respondWith(() => ({ status: 200 }));
    const resumed = await call<{ data: { resumed: true; reopened: number } }>(base, 'POST', '/hookrelay/v1/subscriptions/application_webhook/20/resume', { auth: KEY });
    expect(resumed.status).toBe(200);
    expect(resumed.json.data.reopened).toBe(2);
    for (const id of [first, second]) expect(await pollUntil('the re-send', () => log(id), (c) => c.close_reason === 'DELIVERED')).toBeTruthy();
    const listed = await call<{ data: Array<{ subscription_id: string }> }>(base, 'GET', '/hookrelay/v1/subscriptions/paused', { auth: KEY });
    expect(listed.json.data.map((p) => p.subscription_id)).not.toContain('20');
  });

  it.each<[string, string, number, object]>([
    ['an unknown source', '/hookrelay/v1/subscriptions/nope/1/resume', 400, { statusCode: 400, error: 'Bad Request' }],
    ['an unknown subscription', '/hookrelay/v1/subscriptions/application_webhook/999/resume', 404, { statusCode: 404, error: 'Not Found' }],
  ])('resuming %s answers %i in the Hookrelay error shape', async (_what, path, status, body) => {
    const res = await call(base, 'POST', path, { auth: KEY });
    expect(res.status).toBe(status);
    expect(res.json).toMatchObject(body);
  });

  it('an endpoint failing for longer than DELIVERY_PAUSE_AFTER_MS is paused', async () => {
    await call(base, 'PUT', '/application/2/webhook', { auth: KEY, body: { url: receiver.url('/down'), retry_enabled: 1, retry_config: { retry_value: 0.2, max_retries: 20, backoff_type: 'constant', backoff_value: 0 } } });
    receiver.respondWith(() => ({ status: 500 }));
    const failing = await event(2);
    const paused = await pollUntil('the pause', () => log(failing), (c) => c.state === 'CLOSED', 10_000);
    expect(paused.close_reason).toBe('DISABLED');
    expect(paused.attempts).toBeGreaterThanOrEqual(3);
    expect(paused.attempts).toBeLessThan(21);
    const during = await event(2);
    expect(await pollUntil('the paused endpoint to close it', () => log(during), (c) => c.state === 'CLOSED')).toMatchObject({ close_reason: 'DISABLED', attempts: 0 });
  });
});
