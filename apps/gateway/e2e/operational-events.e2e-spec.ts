import { randomUUID } from 'node:crypto';
import { timeOrderedId } from '@hookrelay/persistence';
import Database from 'better-sqlite3';
import { OperationalEventMessageV1, OperationalEventView, OperationalWebhookBodyV1, OperationalWebhookView, SubscriptionView } from '@hookrelay/contracts';
import { HttpReceiver, PlatformHandle, ReceivedRequest, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { connect, JSONCodec, NatsConnection, Subscription } from 'nats';
import { Webhook } from 'standardwebhooks';
import { call, pollUntil } from './api-client';

const ADMIN_A = 'e2e-ops-admin-key-a-0001';
const READ_A = 'e2e-ops-read-key-a-00001';
const ADMIN_B = 'e2e-ops-admin-key-b-0001';
const MAILBOX = randomUUID();
const codec = JSONCodec<OperationalEventMessageV1>();

/**
 * Operational events end to end (ADR 0012), on SQLite: a tenant's operational webhook gets subscription.paused,
 * subscription.resumed and delivery.exhausted signed like any delivery; internal consumers get them on
 * JetStream; the console lists them and the tenant's subscriptions.
 */
describe('operational events and the subscriptions API', () => {
  let platform: PlatformHandle;
  let ops: HttpReceiver;
  let target: HttpReceiver;
  let nc: NatsConnection;
  let natsSubscription: Subscription;
  const published: Array<{ subject: string; message: OperationalEventMessageV1 }> = [];
  let secret: string;
  let base: string;
  const sqlitePath = tempSqlitePath();

  const api = <T>(method: string, path: string, auth = ADMIN_A, body?: unknown): ReturnType<typeof call<T>> => call<T>(base, method, path, { auth, body });
  const appEvent = (app: number): Promise<string> =>
    api<{ data: { id: string } }>('POST', `/application/${app}/events`, ADMIN_A, { event_name: 'e', event_type: 't', data: {} }).then((r) => r.json.data.id);
  /** The operational webhook's received requests of one type, verified as Standard Webhooks against the PUT's secret. */
  const received = (type: string): Array<{ request: ReceivedRequest; body: OperationalWebhookBodyV1 }> =>
    ops.requests
      .map((request) => ({ request, body: new Webhook(secret).verify(request.body, request.headers as Record<string, string>) as OperationalWebhookBodyV1 }))
      .filter((r) => r.body.type === type);
  const waitForWebhook = (type: string, count: number, match: (body: OperationalWebhookBodyV1) => boolean = () => true): Promise<OperationalWebhookBodyV1[]> =>
    pollUntil(`${count} ${type} at the operational webhook`, async () => received(type).map((r) => r.body).filter(match), (bodies) => bodies.length >= count);
  const waitForNats = (subject: string, match: (m: OperationalEventMessageV1) => boolean): Promise<OperationalEventMessageV1> =>
    pollUntil(`${subject} on NATS`, async () => published.find((p) => p.subject === subject && match(p.message))?.message, (m) => m !== undefined).then((m) => m!);

  beforeAll(async () => {
    platform = await startPlatform({
      natsUrl: testNatsUrl(), database: { sqlitePath }, apiKeys: `opsa:${ADMIN_A},opsa:${READ_A}:read,opsb:${ADMIN_B}`,
      env: { DELIVERY_ALLOW_CIDRS: '127.0.0.0/8', DELIVERY_STATS_FLUSH_MS: '100' },
    });
    base = platform.baseUrl;
    [ops, target] = await Promise.all([startReceiver(), startReceiver()]);
    nc = await connect({ servers: testNatsUrl() });
    natsSubscription = nc.subscribe('delivery.operational-event.*.v1', {
      callback: (error, msg) => {
        if (!error) published.push({ subject: msg.subject, message: codec.decode(msg.data) });
      },
    });
    await nc.flush();
  }, 120_000);

  afterAll(async () => {
    natsSubscription?.unsubscribe();
    await nc?.close();
    await Promise.all([ops?.close(), target?.close()]);
    await platform?.stop();
  });

  it('registers the operational webhook: the secret once, an admin key only, a URL the engine may target', async () => {
    expect((await api('GET', '/hookrelay/v1/operational-webhook')).status).toBe(404);
    expect((await api('PUT', '/hookrelay/v1/operational-webhook', READ_A, { url: ops.url('/ops') })).status).toBe(403);
    const refused = await api('PUT', '/hookrelay/v1/operational-webhook', ADMIN_A, { url: 'http://169.254.169.254/ops' });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining('url is not allowed') });
    const badEvent = await api('PUT', '/hookrelay/v1/operational-webhook', ADMIN_A, { url: ops.url('/ops'), events: ['delivery.delivered'] });
    expect(badEvent.status).toBe(400);

    // Five first PUTs at once: all succeed, exactly one carries the secret, and it is the one that signs
    // (the later tests verify every event with it).
    const racing = await Promise.all(Array.from({ length: 5 }, () => api<{ data: OperationalWebhookView }>('PUT', '/hookrelay/v1/operational-webhook', ADMIN_A, { url: ops.url('/ops') })));
    expect(racing.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const withSecret = racing.filter((r) => r.json.data.signing_secret !== undefined);
    expect(withSecret).toHaveLength(1);
    const created = withSecret[0]!;
    expect(created.json.data).toEqual({
      url: ops.url('/ops'), events: ['subscription.paused', 'subscription.resumed', 'delivery.exhausted'], created_at: expect.any(String), updated_at: expect.any(String),
      signing_secret: expect.stringMatching(/^whsec_/),
    });
    secret = created.json.data.signing_secret!;
    const again = await api<{ data: OperationalWebhookView }>('PUT', '/hookrelay/v1/operational-webhook', ADMIN_A, { url: ops.url('/ops') });
    expect(again.json.data.signing_secret).toBeUndefined();
    expect(again.json.data.created_at).toBe(created.json.data.created_at);
    const read = await api<{ data: OperationalWebhookView }>('GET', '/hookrelay/v1/operational-webhook', READ_A);
    expect(read.status).toBe(200);
    expect(read.json.data).toEqual({ url: ops.url('/ops'), events: ['subscription.paused', 'subscription.resumed', 'delivery.exhausted'], created_at: created.json.data.created_at, updated_at: expect.any(String) });
  });

  it('a receiver answering 410 → subscription.paused, signed, at the operational webhook and on NATS; resuming → subscription.resumed', async () => {
    await api('PUT', '/application/1/webhook', ADMIN_A, { url: target.url('/gone'), retry_enabled: 0 });
    target.respondWith(() => ({ status: 410 }));
    await appEvent(1);
    const [paused] = await waitForWebhook('subscription.paused', 1, (b) => b.data.subscription_id === '1');
    expect(paused).toEqual({
      type: 'subscription.paused', timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      data: { source: 'application_webhook', subscription_id: '1', url: target.url('/gone'), reason: 'HTTP 410' },
    });
    const onNats = await waitForNats('delivery.operational-event.subscription-paused.v1', (m) => m.data.subscription_id === '1');
    expect(onNats).toEqual({ ...paused, tenant_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });

    // The receiver is back: resuming re-sends the delivery that got the 410, and it is delivered (no new pause).
    target.respondWith(() => ({ status: 200 }));
    const resumed = await api<{ data: { resumed: true; reopened: number } }>('POST', '/hookrelay/v1/subscriptions/application_webhook/1/resume');
    expect(resumed).toMatchObject({ status: 200, json: { data: { resumed: true, reopened: 1 } } });
    const [event] = await waitForWebhook('subscription.resumed', 1, (b) => b.data.subscription_id === '1');
    expect(event!.data).toEqual({ source: 'application_webhook', subscription_id: '1', url: target.url('/gone') });
    await waitForNats('delivery.operational-event.subscription-resumed.v1', (m) => m.data.subscription_id === '1');
    // Resuming what is not paused reports nothing.
    await api('POST', '/hookrelay/v1/subscriptions/application_webhook/1/resume');
    await new Promise((r) => setTimeout(r, 300));
    expect(received('subscription.resumed')).toHaveLength(1);
  });

  it('a delivery failing its only attempt → delivery.exhausted with its id', async () => {
    await api('PUT', '/application/2/webhook', ADMIN_A, { url: target.url('/fail'), retry_enabled: 0 });
    target.respondWith(() => ({ status: 500 }));
    const id = await appEvent(2);
    const [exhausted] = await waitForWebhook('delivery.exhausted', 1, (b) => b.data.delivery_id === id);
    expect(exhausted!.data).toEqual({ source: 'application_webhook', subscription_id: '2', url: target.url('/fail'), reason: 'HTTP 500', delivery_id: id });
    await waitForNats('delivery.operational-event.delivery-exhausted.v1', (m) => m.data.delivery_id === id);
  });

  it('pauses and resumes by the API (admin only), rotates a secret (admin only), answers 404 for what is unknown', async () => {
    const path = '/hookrelay/v1/subscriptions/application_webhook/2';
    expect((await api('POST', `${path}/pause`, READ_A)).status).toBe(403);
    expect((await api('POST', `${path}/secret/rotate`, READ_A)).status).toBe(403);
    const paused = await api<{ data: { paused: true } }>('POST', `${path}/pause`);
    expect(paused).toMatchObject({ status: 200, json: { data: { paused: true } } });
    expect((await api('POST', `${path}/pause`)).status).toBe(200);
    const [manual] = await waitForWebhook('subscription.paused', 1, (b) => b.data.subscription_id === '2');
    expect(manual!.data).toMatchObject({ reason: 'manual' });
    // Deliveries while paused close DISABLED unattempted; resuming sends them again.
    const during = await appEvent(2);
    await pollUntil('the paused subscription to close it', () => api<{ data: { close_reason: string | null } }>('GET', `/callback/${during}`).then((r) => r.json.data), (c) => c.close_reason === 'DISABLED');
    // The re-sent delivery succeeds (no second delivery.exhausted).
    target.respondWith(() => ({ status: 200 }));
    const resumed = await api<{ data: { resumed: true; reopened: number } }>('POST', `${path}/resume`);
    expect(resumed.json.data).toEqual({ resumed: true, reopened: 1 });
    await pollUntil('the re-send', () => api<{ data: { close_reason: string | null } }>('GET', `/callback/${during}`).then((r) => r.json.data), (c) => c.close_reason === 'DELIVERED');
    await waitForWebhook('subscription.resumed', 1, (b) => b.data.subscription_id === '2');
    expect(received('subscription.paused').filter((r) => r.body.data.subscription_id === '2')).toHaveLength(1);

    const rotated = await api<{ data: { signing_secret: string } }>('POST', `${path}/secret/rotate`);
    expect(rotated).toMatchObject({ status: 200, json: { data: { signing_secret: expect.stringMatching(/^whsec_/) } } });
    // Two rotations at once (a double click): each answer is a secret that signs — neither write replaced the other's.
    const racing = await Promise.all([1, 2].map(() => api<{ data: { signing_secret: string } }>('POST', `${path}/secret/rotate`)));
    expect(racing.map((r) => r.status)).toEqual([200, 200]);
    const signed = await appEvent(2);
    const [request] = await pollUntil('the signed delivery', async () => target.requests.filter((r) => r.headers['webhook-id'] === signed), (list) => list.length > 0);
    for (const secret of [rotated.json.data.signing_secret, ...racing.map((r) => r.json.data.signing_secret)]) {
      expect(() => new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>)).not.toThrow();
    }
    for (const action of ['pause', 'resume', 'secret/rotate']) {
      const res = await api('POST', `/hookrelay/v1/subscriptions/application_webhook/404/${action}`);
      expect([action, res.status, res.json]).toEqual([action, 404, expect.objectContaining({ statusCode: 404, error: 'Not Found' })]);
    }
    expect((await api('POST', '/hookrelay/v1/subscriptions/nope/2/pause')).status).toBe(400);
  });

  it('lists every subscription with group, label and health, by keyset pages and filters', async () => {
    const callback = await call<{ id: string }>(base, 'POST', '/api/v1/envelope/callback/add', {
      auth: `Bearer ${ADMIN_A}`, headers: { mailbox: MAILBOX }, body: { filter: {}, url: target.url('/cb'), retries: 0, timeout: 5000 },
    });
    expect(callback.status).toBe(201);
    expect((await api('POST', '/rest/v1/service/integration_points', ADMIN_A, { code: 'OPSCODE', type: 'public', url: target.url('/ip') })).status).toBeLessThan(300);
    await api('POST', '/hookrelay/v1/subscriptions/application_webhook/1/pause');

    // Application 1 got a 410, then its re-sent delivery succeeded (first test): both show, in that order, once
    // the stats flush (every DELIVERY_STATS_FLUSH_MS) has written them.
    const all = await pollUntil('the 410 and the re-send to show as last failure and last success', () => api<{ data: SubscriptionView[]; next_after: string | null }>('GET', '/hookrelay/v1/subscriptions', READ_A),
      (r) => r.json.data.some((s) => s.subscription_id === '1' && s.last_failure_at !== null && s.last_success_at !== null));
    expect(all.status).toBe(200);
    expect(all.json.next_after).toBeNull();
    const byKey = new Map(all.json.data.map((s) => [`${s.source}/${s.subscription_id}`, s]));
    expect([...byKey.keys()].sort()).toEqual(all.json.data.map((s) => `${s.source}/${s.subscription_id}`));
    expect(byKey.get('application_webhook/1')).toEqual({
      source: 'application_webhook', subscription_id: '1', group: '1', label: 'application 1', url: target.url('/gone'),
      policy: expect.objectContaining({ kind: 'conpeek', retryEnabled: 0 }), paused: true,
      paused_at: expect.any(String), failing_since: null, last_error: null, last_success_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), last_failure_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const health = byKey.get('application_webhook/1')!;
    expect(Date.parse(health.last_success_at!)).toBeGreaterThan(Date.parse(health.last_failure_at!));
    expect(byKey.get(`envelope_callback/${callback.json.id}`)).toMatchObject({ group: MAILBOX, label: `mailbox ${MAILBOX}`, paused: false, url: target.url('/cb') });
    expect([...byKey.values()].find((s) => s.source === 'integration_point')).toMatchObject({ group: null, label: 'OPSCODE', url: target.url('/ip') });
    expect([...byKey.values()].find((s) => s.source === 'operational_webhook')).toMatchObject({ label: 'operational webhook', url: ops.url('/ops') });
    expect(JSON.stringify(all.json)).not.toMatch(/whsec_|secrets?_sealed|authorization/i);

    const pages: string[] = [];
    let after: string | null = null;
    do {
      const query: string = after ? `?limit=2&after=${after}` : '?limit=2';
      const page = await api<{ data: SubscriptionView[]; next_after: string | null }>('GET', `/hookrelay/v1/subscriptions${query}`);
      pages.push(...page.json.data.map((s) => `${s.source}/${s.subscription_id}`));
      after = page.json.next_after;
    } while (after);
    expect(pages).toEqual(all.json.data.map((s) => `${s.source}/${s.subscription_id}`));

    const paused = await api<{ data: SubscriptionView[] }>('GET', '/hookrelay/v1/subscriptions?paused=true');
    expect(paused.json.data.map((s) => `${s.source}/${s.subscription_id}`)).toEqual(['application_webhook/1']);
    const webhooks = await api<{ data: SubscriptionView[] }>('GET', '/hookrelay/v1/subscriptions?source=application_webhook&paused=false');
    expect(webhooks.json.data.map((s) => s.subscription_id)).toEqual(['2']);
    for (const [query, name] of [['?limit=501', 'limit'], ['?source=x', 'source'], ['?paused=maybe', 'paused'], ['?after=zzz', 'after']]) {
      const bad = await api<{ message: string }>('GET', `/hookrelay/v1/subscriptions${query}`);
      expect([query, bad.status, bad.json.message]).toEqual([query, 400, expect.stringContaining(name!)]);
    }
  });

  it('lists the operational events newest first with the delivery made for each, by keyset pages', async () => {
    const list = await api<{ data: OperationalEventView[]; next_before: string | null }>('GET', '/hookrelay/v1/operational-events', READ_A);
    expect(list.status).toBe(200);
    const types = list.json.data.map((e) => `${e.type} ${e.data.subscription_id}`);
    expect(types.slice(-5)).toEqual([
      'subscription.resumed 2', 'subscription.paused 2', 'delivery.exhausted 2', 'subscription.resumed 1', 'subscription.paused 1',
    ]);
    expect(types[0]).toBe('subscription.paused 1'); // the pause of the listing test
    expect(list.json.data.every((e) => e.delivery_id !== null)).toBe(true);
    const times = list.json.data.map((e) => e.occurred_at);
    expect([...times].sort().reverse()).toEqual(times);
    const webhookIds = new Set(ops.requests.map((r) => r.headers['webhook-id']));
    for (const event of list.json.data.slice(1)) expect(webhookIds.has(event.delivery_id!)).toBe(true);

    const first = await api<{ data: OperationalEventView[]; next_before: string | null }>('GET', '/hookrelay/v1/operational-events?limit=2');
    expect(first.json.data.map((e) => e.id)).toEqual(list.json.data.slice(0, 2).map((e) => e.id));
    const second = await api<{ data: OperationalEventView[] }>('GET', `/hookrelay/v1/operational-events?limit=2&before=${first.json.next_before}`);
    expect(second.json.data.map((e) => e.id)).toEqual(list.json.data.slice(2, 4).map((e) => e.id));
    expect((await api('GET', '/hookrelay/v1/operational-events?limit=0')).status).toBe(400);
  });

  it('tenant B sees none of tenant A\'s subscriptions, events or webhook, and cannot act on them', async () => {
    expect((await api<{ data: unknown[] }>('GET', '/hookrelay/v1/subscriptions', ADMIN_B)).json.data).toEqual([]);
    expect((await api<{ data: unknown[] }>('GET', '/hookrelay/v1/operational-events', ADMIN_B)).json.data).toEqual([]);
    expect((await api('GET', '/hookrelay/v1/operational-webhook', ADMIN_B)).status).toBe(404);
    expect((await api('POST', '/hookrelay/v1/subscriptions/application_webhook/1/resume', ADMIN_B)).status).toBe(404);
    expect((await api('POST', '/hookrelay/v1/subscriptions/application_webhook/2/pause', ADMIN_B)).status).toBe(404);
    expect((await api('POST', '/hookrelay/v1/subscriptions/application_webhook/2/secret/rotate', ADMIN_B)).status).toBe(404);
    expect((await api('DELETE', '/hookrelay/v1/operational-webhook', ADMIN_B)).status).toBe(404);
  });

  it('an event stored with its change but never dispatched (the process died after the commit) is relayed: delivered once, published, marked', async () => {
    const tenantId = (await api<{ data: { tenant_id: string } }>('GET', '/hookrelay/v1/whoami')).json.data.tenant_id;
    // What a process leaves behind when it dies between the commit of a pause and its dispatch: the outbox row only.
    const occurredAt = Date.now() - 60_000;
    const id = timeOrderedId(occurredAt);
    const db = new Database(sqlitePath);
    try {
      db.prepare('INSERT INTO operational_events (id, tenant_id, type, occurred_at, data, delivery_id, dispatched_at) VALUES (?, ?, ?, ?, ?, NULL, NULL)')
        .run(id, tenantId, 'subscription.paused', occurredAt, JSON.stringify({ source: 'application_webhook', subscription_id: 'crashed', url: null, reason: 'HTTP 410' }));
    } finally {
      db.close();
    }
    const [body] = await pollUntil('the relayed subscription.paused at the operational webhook', async () => received('subscription.paused').filter((r) => r.body.data.subscription_id === 'crashed'),
      (found) => found.length >= 1, 30_000);
    expect(body!.body).toEqual({ type: 'subscription.paused', timestamp: new Date(occurredAt).toISOString(), data: { source: 'application_webhook', subscription_id: 'crashed', url: null, reason: 'HTTP 410' } });
    expect(await waitForNats('delivery.operational-event.subscription-paused.v1', (m) => m.data.subscription_id === 'crashed')).toMatchObject({ tenant_id: tenantId });
    const listed = await pollUntil('the relayed event marked with its delivery', async () => (await api<{ data: OperationalEventView[] }>('GET', '/hookrelay/v1/operational-events?limit=100')).json.data.find((e) => e.id === id),
      (event) => event?.delivery_id !== null && event?.delivery_id !== undefined);
    // Every service relays (a repeated dispatch is harmless): the webhook still got it once, under one delivery id.
    expect(listed!.delivery_id).toBe(body!.request.headers['webhook-id']);
    expect(received('subscription.paused').filter((r) => r.body.data.subscription_id === 'crashed')).toHaveLength(1);
  }, 60_000);

  it('deleting the operational webhook stops its deliveries; events are still recorded and published', async () => {
    expect((await api('DELETE', '/hookrelay/v1/operational-webhook', READ_A)).status).toBe(403);
    expect(await api('DELETE', '/hookrelay/v1/operational-webhook')).toMatchObject({ status: 200, json: { data: { deleted: true } } });
    expect((await api('GET', '/hookrelay/v1/operational-webhook')).status).toBe(404);
    const before = ops.requests.length;
    await api('POST', '/hookrelay/v1/subscriptions/application_webhook/1/resume');
    const resumedOne = (): Array<{ subject: string }> => published.filter((p) => p.subject === 'delivery.operational-event.subscription-resumed.v1' && p.message.data.subscription_id === '1');
    await pollUntil('the second resume of subscription 1 on NATS', async () => resumedOne().length, (n) => n >= 2);
    const latest = await api<{ data: OperationalEventView[] }>('GET', '/hookrelay/v1/operational-events?limit=1');
    expect(latest.json.data[0]).toMatchObject({ type: 'subscription.resumed', delivery_id: null });
    expect(ops.requests.length).toBe(before);
  });
});
