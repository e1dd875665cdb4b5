import { CallbackView } from '@hookrelay/contracts';
import { HttpReceiver, PlatformHandle, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { call, pollUntil } from './api-client';

const KEY = 'e2e-health-admin-key-0001';

describe('endpoint health: a failing endpoint is paused, a recall resumes it', () => {
  let platform: PlatformHandle;
  let receiver: HttpReceiver;
  let base: string;
  const log = (id: string): Promise<CallbackView> => call<{ data: CallbackView }>(base, 'GET', `/callback/${id}`, { auth: KEY }).then((r) => r.json.data);
  const event = (app: number): Promise<string> =>
    call<{ data: { id: string } }>(base, 'POST', `/application/${app}/events`, { auth: KEY, body: { event_name: 'e', event_type: 't', data: {} } }).then((r) => r.json.data.id);

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
    const second = await event(1);
    expect(await pollUntil('the paused endpoint to close it', () => log(second), (c) => c.state === 'CLOSED')).toMatchObject({ close_reason: 'DISABLED', attempts: 0 });
    expect(receiver.requests).toHaveLength(1);

    receiver.respondWith(() => ({ status: 200 }));
    expect((await call(base, 'POST', `/callback/${second}/recall`, { auth: KEY })).status).toBe(202);
    expect(await pollUntil('the recall to deliver', () => log(second), (c) => c.close_reason === 'DELIVERED')).toMatchObject({ attempts: 1 });
    const third = await event(1);
    expect(await pollUntil('traffic to flow again', () => log(third), (c) => c.state === 'CLOSED')).toMatchObject({ close_reason: 'DELIVERED' });
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
