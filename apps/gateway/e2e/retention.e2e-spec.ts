import BetterSqlite3 from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { HttpReceiver, PlatformHandle, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { call, pollUntil } from './api-client';

const KEY = 'e2e-retention-admin-key-01';

/**
 * Retention as the services run it (RETENTION_SECONDS short, sweeps every second): closed deliveries with
 * their attempts (webhooks and callbacks), the stored envelopes (callbacks' own task), operational events and finished
 * bulk replay jobs are deleted from
 * the database once past the horizon; an open delivery stays.
 */
describe('retention end to end', () => {
  let platform: PlatformHandle;
  let receiver: HttpReceiver;
  const sqlitePath = tempSqlitePath();
  const count = (table: string, where = ''): number => {
    const db = new BetterSqlite3(sqlitePath, { readonly: true, timeout: 5_000 });
    try {
      return (db.prepare(`SELECT count(*) AS n FROM ${table} ${where}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    platform = await startPlatform({
      natsUrl: testNatsUrl(), database: { sqlitePath }, apiKeys: `retention:${KEY}`,
      env: { RETENTION_SECONDS: '3', RETENTION_INTERVAL_MS: '1000', RETENTION_BATCH_SIZE: '20', RETENTION_BATCH_PAUSE_MS: '10', DELIVERY_ALLOW_CIDRS: '127.0.0.0/8' },
    });
    receiver = await startReceiver();
  }, 120_000);

  afterAll(async () => {
    await receiver?.close();
    await platform?.stop();
  });

  it('deletes closed deliveries, their attempts, stale envelopes, operational events and finished replay jobs past the horizon, never an open delivery', async () => {
    receiver.respondWith((req) => ({ status: req.url.startsWith('/down') ? 503 : 200 }));
    const base = platform.baseUrl;
    expect((await call(base, 'PUT', '/application/7/webhook', { auth: KEY, body: { url: receiver.url('/hook'), retry_enabled: 0 } })).status).toBe(200);
    // Retries for an hour: its delivery stays open the whole test.
    expect((await call(base, 'PUT', '/application/8/webhook', {
      auth: KEY, body: { url: receiver.url('/down'), retry_enabled: 1, retry_config: { retry_value: 3600, max_retries: 5, backoff_type: 'constant', backoff_value: 0 } },
    })).status).toBe(200);
    const mailbox = randomUUID();
    const ds = (path: string, body: unknown) => call(base, 'POST', `/api/v1/envelope${path}`, { auth: `Bearer ${KEY}`, headers: { mailbox }, body });
    const added = await ds('/callback/add', { filter: {}, url: receiver.url('/envelope'), retries: 0, timeout: 5000, successCode: 200 });
    expect(added.status).toBe(201);

    for (let n = 0; n < 30; n++) {
      expect((await call(base, 'POST', '/application/7/events', { auth: KEY, body: { event_name: 'dialog_create', event_type: 'user_dialog', data: { n } } })).status).toBe(202);
    }
    expect((await call(base, 'POST', '/application/8/events', { auth: KEY, body: { event_name: 'dialog_create', event_type: 'user_dialog', data: { open: true } } })).status).toBe(202);
    const envelopes = Array.from({ length: 25 }, () => ({
      uuid: randomUUID(), label: [], status: 'COMPLETED', subject: 's', receiveDate: Date.now(), expireDate: null,
      template: randomUUID(), sender: randomUUID(), scope: 'inbox',
    }));
    expect((await ds('/events', envelopes)).status).toBe(202);
    await receiver.waitForRequests(30 + 25 + 1, 30_000);
    expect(count('envelopes')).toBe(25);
    // An operational event (a manual pause) and a finished bulk replay job: both go past the horizon too.
    expect((await call(base, 'POST', '/hookrelay/v1/subscriptions/application_webhook/7/pause', { auth: KEY })).status).toBe(200);
    const job = await call<{ data: { id: string } }>(base, 'POST', '/hookrelay/v1/replays', { auth: KEY, body: { filter: { subscription_id: '7', close_reason: 'CANCELLED' } } });
    expect(job.status).toBe(202);
    await pollUntil('the replay job to finish', () => call<{ data: { status: string } }>(base, 'GET', `/hookrelay/v1/replays/${job.json.data.id}`, { auth: KEY }), (r) => r.json.data.status === 'completed', 20_000);
    expect(count('operational_events')).toBe(1);
    expect(count('replay_jobs')).toBe(1);

    await pollUntil('everything past the horizon deleted', async () => ({
      closed: count('deliveries', "WHERE state = 'CLOSED'"), attempts: count('delivery_attempts', "WHERE delivery_id IN (SELECT id FROM deliveries WHERE state = 'CLOSED')"),
      envelopes: count('envelopes'), events: count('operational_events'), jobs: count('replay_jobs'),
    }), (left) => left.closed === 0 && left.attempts === 0 && left.envelopes === 0 && left.events === 0 && left.jobs === 0, 60_000);
    // The open one (retrying in an hour) is still there with its attempt.
    expect(count('deliveries', "WHERE state = 'OPEN'")).toBe(1);
    expect(count('delivery_attempts')).toBe(1);
    const check = await call(base, 'GET', `/api/v1/envelope/callback/${added.json && (added.json as { id: string }).id}/check?envelopeUuid=${envelopes[0]!.uuid}`, { auth: `Bearer ${KEY}`, headers: { mailbox } });
    expect(check.status).toBe(404);
    expect(platform.logs()).toMatch(/deleted \d+ deliveries, \d+ delivery_attempts/);
    expect(platform.logs()).toMatch(/deleted .*\d+ envelopes/);
  }, 180_000);
});
