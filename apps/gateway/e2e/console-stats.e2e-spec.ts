import type { DeliveryStatsView } from '@hookrelay/contracts';
import { HttpReceiver, PlatformHandle, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { call, pollUntil } from './api-client';

const KEY = 'e2e-stats-admin-key-0001';
const OTHER = 'e2e-stats-other-read-key-0002';

describe('GET /hookrelay/v1/stats: the console Overview\'s numbers from real deliveries', () => {
  let platform: PlatformHandle;
  let receiver: HttpReceiver;
  let base: string;
  const stats = (auth: string, query = ''): Promise<DeliveryStatsView> =>
    call<{ data: DeliveryStatsView }>(base, 'GET', `/hookrelay/v1/stats${query}`, { auth }).then((r) => {
      if (r.status !== 200) throw new Error(`stats answered ${r.status}: ${r.text}`);
      return r.json.data;
    });
  const event = (app: number): Promise<number> =>
    call(base, 'POST', `/application/${app}/events`, { auth: KEY, body: { event_name: 'e', event_type: 't', data: { app } } }).then((r) => r.status);

  beforeAll(async () => {
    receiver = await startReceiver();
    receiver.respondWith((request) => ({ status: request.url.startsWith('/ok') ? 200 : 500 }));
    platform = await startPlatform({
      natsUrl: testNatsUrl(), database: { sqlitePath: tempSqlitePath() }, apiKeys: `stats-a:${KEY},stats-b:${OTHER}:read`,
      // A short flush so the numbers show up within the test's patience (2 s in production).
      env: { DELIVERY_ALLOW_CIDRS: '127.0.0.0/8', DELIVERY_STATS_FLUSH_MS: '100' },
    });
    base = platform.baseUrl;
    await call(base, 'PUT', '/application/1/webhook', { auth: KEY, body: { url: receiver.url('/ok'), retry_enabled: 0 } });
    // One retry 100 ms later, then exhausted: a retrying attempt and a failed one.
    await call(base, 'PUT', '/application/2/webhook', { auth: KEY, body: { url: receiver.url('/bad'), retry_enabled: 1, retry_config: { retry_value: 0.1, max_retries: 1, backoff_type: 'constant', backoff_value: 0 } } });
    for (const app of [1, 1, 1, 2]) expect(await event(app)).toBe(202);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await receiver?.close();
  });

  it('counts delivered, retrying and failed attempts per minute, with the ratio and latency percentiles', async () => {
    const hour = await pollUntil('the stats of 3 delivered and 1 exhausted delivery', () => stats(KEY), (s) => s.totals.delivered === 3 && s.totals.failed === 1, 20_000);
    expect(hour).toMatchObject({ window: '1h', step_seconds: 60, queue_depth: 0, queue_depth_capped: false, paused_subscriptions: 0 });
    expect(hour.totals).toEqual({ delivered: 3, retrying: 1, failed: 1, disabled: 0 });
    expect(hour.success_ratio).toBeCloseTo(3 / 5, 10);
    expect(hour.latency_ms.p50).toEqual(expect.any(Number));
    expect(hour.latency_ms.p99).toEqual(expect.any(Number));
    expect(hour.latency_ms.p99!).toBeGreaterThanOrEqual(hour.latency_ms.p50!);
    expect(hour.series).toHaveLength(60);
    expect(Date.parse(hour.to) - Date.parse(hour.from)).toBe(3_600_000);
    expect(hour.series[0]!.t).toBe(hour.from);
    const summed = hour.series.reduce((sum, p) => sum + p.delivered + p.retrying + p.failed + p.disabled, 0);
    expect(summed).toBe(5);
    expect(receiver.requests).toHaveLength(5);

    const day = await stats(KEY, '?window=24h');
    expect(day).toMatchObject({ window: '24h', step_seconds: 600, totals: hour.totals });
    expect(day.series).toHaveLength(144);
  });

  it('another tenant sees zeros, with a read key', async () => {
    const other = await stats(OTHER);
    expect(other).toMatchObject({ totals: { delivered: 0, retrying: 0, failed: 0, disabled: 0 }, success_ratio: null, latency_ms: { p50: null, p99: null }, queue_depth: 0, paused_subscriptions: 0 });
    expect(other.series.every((p) => p.delivered + p.retrying + p.failed + p.disabled === 0)).toBe(true);
  });

  it.each([['?window=7d'], ['?window='], ['?window=1h&window=24h']])('a bad window (%s) answers 400 in the Hookrelay error shape', async (query) => {
    const res = await call<{ statusCode: number; error: string; message: string }>(base, 'GET', `/hookrelay/v1/stats${query}`, { auth: KEY });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining('window') });
  });

  it('without a key answers 401', async () => {
    expect((await call(base, 'GET', '/hookrelay/v1/stats')).status).toBe(401);
  });
});
