import { HttpReceiver, PlatformHandle, SERVICE_APPS, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { call, pollUntil } from './api-client';

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

  beforeEach(() => receiver.clear());

  async function serviceMetrics(): Promise<string> {
    const texts = await Promise.all(platform.apps().filter((r) => SERVICE_APPS.includes(r.app)).map((r) => fetch(`http://127.0.0.1:${r.opsPort}/metrics`).then((res) => res.text())));
    return texts.join('\n');
  }

  it('counts real deliveries, attempts and their latency across the worker processes', async () => {
    await call(platform.baseUrl, 'PUT', '/application/1/webhook', { auth: KEY, body: { url: receiver.url('/m'), retry_enabled: 0 } });
    const before = await serviceMetrics();
    for (let i = 0; i < 5; i++) expect((await call(platform.baseUrl, 'POST', '/application/1/events', { auth: KEY, body: { event_name: 'm', event_type: 't', data: {} } })).status).toBe(202);
    await receiver.waitForRequests(5);
    // The attempts are recorded right after the response, by whichever worker made them.
    const closed = (text: string): number => sum(text, 'hookrelay_deliveries_closed_total', { close_reason: 'DELIVERED' });
    const after = await pollUntil('5 closed deliveries in the metrics', serviceMetrics, (text) => closed(text) - closed(before) >= 5);
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
    const gatewayMetrics = (): Promise<string> => fetch(`${platform.baseUrl}/metrics`).then((res) => res.text());
    await call(platform.baseUrl, 'PUT', '/application/2/webhook', { auth: KEY, body: { url: receiver.url('/timed'), retry_enabled: 0 } });
    const before = await gatewayMetrics();
    for (let i = 0; i < 3; i++) expect((await call(platform.baseUrl, 'POST', '/application/2/events', { auth: KEY, body: { event_name: 'm', event_type: 't', data: {} } })).status).toBe(202);
    const res = await fetch(`${platform.baseUrl}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    const http = { api: 'conpeek', method: 'POST', status: '202' };
    const nats = { subject: 'webhooks.application-event.publish.v1', outcome: 'ok' };
    expect(sum(text, 'hookrelay_http_request_duration_seconds_count', http) - sum(before, 'hookrelay_http_request_duration_seconds_count', http)).toBe(3);
    expect(sum(text, 'hookrelay_nats_request_duration_seconds_count', nats) - sum(before, 'hookrelay_nats_request_duration_seconds_count', nats)).toBe(3);
    await receiver.waitForRequests(3); // nothing of this case is left in flight for the next one
  });
});
