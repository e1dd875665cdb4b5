import { HttpReceiver, PlatformHandle, SERVICE_APPS, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { call } from './api-client';

const KEY = 'e2e-metrics-admin-key-001';

/** Sums the samples of one metric (with a label filter) in a Prometheus text exposition. */
function sum(text: string, metric: string, labels: Record<string, string> = {}): number {
  return text.split('\n').filter((line) => line.startsWith(`${metric}{`) || line.startsWith(`${metric} `))
    .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
    .reduce((total, line) => total + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe('Prometheus metrics', () => {
  let platform: PlatformHandle;
  let receiver: HttpReceiver;

  beforeAll(async () => {
    platform = await startPlatform({ natsUrl: testNatsUrl(), database: { sqlitePath: tempSqlitePath() }, apiKeys: `metrics:${KEY}`, env: { DELIVERY_ALLOW_CIDRS: '127.0.0.0/8' }, opsPorts: true });
    receiver = await startReceiver();
  }, 120_000);

  afterAll(async () => {
    await receiver?.close();
    await platform?.stop();
  });

  async function serviceMetrics(): Promise<string> {
    const texts = await Promise.all(platform.apps().filter((r) => SERVICE_APPS.includes(r.app)).map((r) => fetch(`http://127.0.0.1:${r.opsPort}/metrics`).then((res) => res.text())));
    return texts.join('\n');
  }

  it('counts real deliveries, attempts and their latency across the worker processes', async () => {
    await call(platform.baseUrl, 'PUT', '/application/1/webhook', { auth: KEY, body: { url: receiver.url('/m'), retry_enabled: 0 } });
    const before = await serviceMetrics();
    for (let i = 0; i < 5; i++) expect((await call(platform.baseUrl, 'POST', '/application/1/events', { auth: KEY, body: { event_name: 'm', event_type: 't', data: {} } })).status).toBe(202);
    await receiver.waitForRequests(5);
    await new Promise((r) => setTimeout(r, 300)); // the attempts are recorded right after the response
    const after = await serviceMetrics();
    expect(sum(after, 'hookrelay_deliveries_accepted_total', { source: 'application_webhook' }) - sum(before, 'hookrelay_deliveries_accepted_total', { source: 'application_webhook' })).toBe(5);
    expect(sum(after, 'hookrelay_delivery_attempts_total', { outcome: 'delivered' }) - sum(before, 'hookrelay_delivery_attempts_total', { outcome: 'delivered' })).toBe(5);
    expect(sum(after, 'hookrelay_deliveries_closed_total', { close_reason: 'DELIVERED' }) - sum(before, 'hookrelay_deliveries_closed_total', { close_reason: 'DELIVERED' })).toBe(5);
    expect(sum(after, 'hookrelay_delivery_attempt_duration_seconds_count') - sum(before, 'hookrelay_delivery_attempt_duration_seconds_count')).toBe(5);
    expect(after).toMatch(/hookrelay_delivery_queue_jobs\{lane="fresh",state="pending"\} \d+/);
    expect(after).toMatch(/hookrelay_delivery_queue_jobs\{lane="retry",state="ack_pending"\} \d+/);
    expect(after).toContain('hookrelay_process_cpu_user_seconds_total');
  });

  it('exports event-loop lag (p99) from every process', async () => {
    const urls = [`${platform.baseUrl}/metrics`, ...platform.apps().filter((r) => SERVICE_APPS.includes(r.app)).map((r) => `http://127.0.0.1:${r.opsPort}/metrics`)];
    expect(urls).toHaveLength(4);
    for (const url of urls) expect(await (await fetch(url)).text()).toMatch(/hookrelay_nodejs_eventloop_lag_p99_seconds \d/);
  });

  it('times HTTP requests and NATS round trips at the gateway', async () => {
    const res = await fetch(`${platform.baseUrl}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(sum(text, 'hookrelay_http_request_duration_seconds_count', { api: 'conpeek', method: 'POST', status: '202' })).toBeGreaterThanOrEqual(5);
    expect(sum(text, 'hookrelay_nats_request_duration_seconds_count', { subject: 'webhooks.application-event.publish.v1', outcome: 'ok' })).toBeGreaterThanOrEqual(5);
  });
});
