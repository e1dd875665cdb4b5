import {
  DELIVERY_JOB_SUBJECTS_V2, DELIVERY_TARGET_CHANGED_SUBJECT_V1, DELIVERY_WORKER_PRESENCE_SUBJECT_V1, HEALTH_CHECK_V1, HealthCheckReply, REQUEST_SUBJECTS, ServiceErrorCode,
} from '@hookrelay/contracts';
import { HttpReceiver, nestNatsRequest, NatsServerHandle, PlatformHandle, SERVICE_APPS, startNatsServer, startPlatform, startReceiver, tempSqlitePath } from '@hookrelay/testing';
import { connect, JSONCodec, NatsConnection, NatsError } from 'nats';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { call, pollUntil } from './api-client';

const run = promisify(execFile);
const RUN_APP = join(__dirname, '../../../tools/scripts/run-app.js');

const KEY = 'e2e-nats-auth-admin-key-01';
const codec = JSONCodec<unknown>();
const GARBAGE: Array<[string, Uint8Array]> = [
  ['not JSON', new TextEncoder().encode('{"pattern": nope')],
  ['binary', Uint8Array.from([0xff, 0x00, 0xfe, 0x7b])],
  ['empty', new Uint8Array(0)],
  ['a JSON array', codec.encode([1, 2, 3])],
  ['JSON null', codec.encode(null)],
  ['an object without an id', codec.encode({ pattern: 'x', data: { tenantId: 'nobody' } })],
  ['an id that is not a string', codec.encode({ id: { nested: true }, data: {} })],
  ['a request with a wrongly shaped payload', codec.encode({ id: '1', data: 'just a string' })],
];

/**
 * The platform on a nats-server that accepts no anonymous connection: every app must use its own user, and
 * the e2e flows must work within that user's permissions. Then a full-access client throws garbage at every
 * subject a service listens on; every service must stay up and keep answering.
 */
describe('the platform on an authorizing nats-server', () => {
  let nats: NatsServerHandle;
  let platform: PlatformHandle;
  let receiver: HttpReceiver;
  let admin: NatsConnection;
  const sqlitePath = tempSqlitePath();

  beforeAll(async () => {
    nats = await startNatsServer({ anonymousSuperuser: false });
    platform = await startPlatform({ natsUrl: nats.url, database: { sqlitePath }, apiKeys: `natsauth:${KEY}`, env: { DELIVERY_ALLOW_CIDRS: '127.0.0.0/8' } });
    receiver = await startReceiver();
    admin = await connect({ servers: nats.url, ...nats.superuser });
  }, 120_000);

  afterAll(async () => {
    await admin?.close();
    await receiver?.close();
    await platform?.stop();
    await nats?.stop();
  });

  it('serves requests and delivers webhooks with every app connected as its own user, without a single permission violation', async () => {
    expect((await call(platform.baseUrl, 'GET', '/health/ready')).status).toBe(200);
    expect((await call(platform.baseUrl, 'POST', '/rest/v1/service/integration_points', { auth: KEY, body: { code: 'NATSAUTH', type: 'public' } })).status).toBe(200);
    await call(platform.baseUrl, 'PUT', '/application/3/webhook', { auth: KEY, body: { url: receiver.url('/hook'), retry_enabled: 1, retry_config: { retry_value: 0.2, max_retries: 1, backoff_type: 'multiplier', backoff_value: 1 } } });
    receiver.respondWith((request) => ({ status: request.n === 1 ? 500 : 200 }));
    const sent = await call<{ data: { id: string } }>(platform.baseUrl, 'POST', '/application/3/events', { auth: KEY, body: { event_name: 'e', event_type: 't', data: {} } });
    expect(sent.status).toBe(202);
    await receiver.waitForRequests(2, 15_000);
    await pollUntil('the retried delivery to close', () => call<{ data: { state: string } }>(platform.baseUrl, 'GET', `/callback/${sent.json.data.id}`, { auth: KEY }), (r) => r.json.data.state === 'CLOSED');
    expect(nats.logs()).not.toMatch(/violation/i);
    expect(platform.logs()).not.toMatch(/violation|authorization/i);
  }, 60_000);

  it('refuses garbage on every service subject with an error reply, logs it, and stays up', async () => {
    for (const subject of REQUEST_SUBJECTS) {
      for (const [what, data] of GARBAGE) {
        admin.publish(subject, data);
        if (what === 'a request with a wrongly shaped payload') continue; // the service's own validation answers that (below)
        const reply = codec.decode((await admin.request(subject, data, { timeout: 5000 })).data) as { err?: { code: string; message: string } };
        expect([subject, what, reply.err?.code]).toEqual([subject, what, ServiceErrorCode.BadRequest]);
      }
    }
    for (const subject of [...Object.values(DELIVERY_JOB_SUBJECTS_V2), DELIVERY_TARGET_CHANGED_SUBJECT_V1, DELIVERY_WORKER_PRESENCE_SUBJECT_V1]) {
      for (const [, data] of GARBAGE) admin.publish(subject, data);
    }
    await admin.flush();
    await new Promise((resolve) => setTimeout(resolve, 1000));

    for (const app of SERVICE_APPS) expect([app, platform.apps(app).length]).toEqual([app, 1]);
    for (const subject of Object.values(HEALTH_CHECK_V1)) expect((await nestNatsRequest<HealthCheckReply>(admin, subject, {})).ok).toBe(true);
    expect(platform.logs()).toMatch(/refused a message on callbacks\.envelope-callback\.create\.v1 .*the message is not JSON/);
    expect((await call(platform.baseUrl, 'GET', '/health/ready')).status).toBe(200);
    expect((await call(platform.baseUrl, 'POST', '/rest/v1/service/integration_points', { auth: KEY, body: { code: 'AFTERGARBAGE', type: 'public' } })).status).toBe(200);
  }, 120_000);

  it('adds an /exec handler user for a tenant with `hookrelay nats:exec-user`, limited to that tenant', async () => {
    const { stdout, stderr } = await run(process.execPath, [RUN_APP, 'cli', 'nats:exec-user', 'natsauth', '--users-file', nats.usersFile!], { env: { ...process.env, SQLITE_PATH: sqlitePath } });
    const settings = Object.fromEntries(stdout.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    expect(settings).toEqual({
      NATS_USER: expect.stringMatching(/^exec-[0-9a-f-]{36}$/), NATS_PASSWORD: expect.stringMatching(/^hr[0-9a-f]{48}$/), NATS_INBOX_PREFIX: expect.stringMatching(/^_INBOX_exec_/),
      EXEC_TENANT_ID: expect.any(String), EXEC_SYNC_SUBJECTS: expect.stringMatching(/^integration-points\.exec-sync\.[0-9a-f-]{36}\.\*\.v2$/), EXEC_STREAM: 'INTEGRATION_EXEC_REQUESTS_V2', EXEC_CONSUMER: expect.stringMatching(/^exec-/),
    });
    expect(stderr).toMatch(/written to .*reload nats-server/);
    expect(stderr).not.toContain(settings.NATS_PASSWORD);

    process.kill(nats.pid!, 'SIGHUP');
    const handler = await pollUntil('nats-server to accept the handler', () => connect({ servers: nats.url, user: settings.NATS_USER, pass: settings.NATS_PASSWORD, inboxPrefix: settings.NATS_INBOX_PREFIX, reconnect: false }).catch(() => null), (nc) => nc !== null);
    try {
      const subscribe = async (subject: string): Promise<string | null> => {
        let error: NatsError | null = null;
        handler!.subscribe(subject, { callback: (e) => (error ??= e) });
        await handler!.flush();
        await new Promise((resolve) => setImmediate(resolve));
        return (error as NatsError | null)?.code ?? null;
      };
      expect(await subscribe(settings.EXEC_SYNC_SUBJECTS!)).toBeNull();
      for (const subject of ['>', HEALTH_CHECK_V1.callbacks, `integration-points.exec-sync.${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}.*.v2`]) expect([subject, await subscribe(subject)]).toEqual([subject, 'PERMISSIONS_VIOLATION']);
    } finally {
      await handler!.close();
    }
    const unknown = await run(process.execPath, [RUN_APP, 'cli', 'nats:exec-user', 'nobody'], { env: { ...process.env, SQLITE_PATH: sqlitePath } }).then(() => null, (error: { stderr: string; code: number }) => error);
    expect(unknown?.code).toBe(1);
    expect(unknown?.stderr).toMatch(/no tenant named "nobody"/);
  }, 60_000);
});
