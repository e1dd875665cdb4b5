import { APPLICATION_EVENT_SUBJECTS_V1, CallbackView, ENVELOPE_EVENT_SUBJECTS_V1 } from '@hookrelay/contracts';
import { HttpReceiver, nestNatsRequest, PlatformHandle, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import Database from 'better-sqlite3';
import { connect, NatsConnection } from 'nats';
import { call } from './api-client';

const KEY = 'e2e-idempotency-admin-key-01';
const MAILBOX = '5e8c6a0e-3f7b-4c1d-9a2e-7b1f0c9d8e6a';
const EVENT = { event_name: 'order.paid', event_type: 'order', data: { order: 1 } };
const ENVELOPE = {
  uuid: 'f8c97405-9185-4998-a3c0-2c4d0edaf43b', status: 'COMPLETED', subject: 's', receiveDate: 1676039226765, label: [], scope: 'inbox',
  template: '3fa85f64-5717-4562-b3fc-2c963f66afa6', sender: '3fa85f64-5717-4562-b3fc-2c963f66afa7',
};

/** A client retrying after a timeout must not create a second delivery with a new webhook-id. */
describe('idempotent ingest (Idempotency-Key over HTTP, idempotencyKey on the NATS event subjects)', () => {
  let platform: PlatformHandle;
  let receiver: HttpReceiver;
  let nc: NatsConnection;
  let tenantId: string;
  const sqlitePath = tempSqlitePath();
  const callbacks = (): Promise<CallbackView[]> => call<{ data: CallbackView[] }>(platform.baseUrl, 'GET', '/callback?limit=1000', { auth: KEY }).then((r) => r.json.data);

  beforeAll(async () => {
    platform = await startPlatform({ natsUrl: testNatsUrl(), database: { sqlitePath }, apiKeys: `idem:${KEY}`, env: { DELIVERY_ALLOW_CIDRS: '127.0.0.0/8' } });
    receiver = await startReceiver();
    nc = await connect({ servers: testNatsUrl() });
    const db = new Database(sqlitePath, { readonly: true });
    tenantId = (db.prepare("SELECT id FROM tenants WHERE name = 'idem'").get() as { id: string }).id;
    db.close();
    await call(platform.baseUrl, 'PUT', '/application/1/webhook', { auth: KEY, body: { url: receiver.url('/app'), retry_enabled: 0 } });
    await call(platform.baseUrl, 'POST', '/api/v1/envelope/callback/add', {
      auth: `Bearer ${KEY}`, headers: { mailbox: MAILBOX }, body: { filter: { status: ['completed'] }, url: receiver.url('/env'), retries: 0, timeout: 5000 },
    });
  }, 120_000);

  afterAll(async () => {
    await nc?.close();
    await receiver?.close();
    await platform?.stop();
  });

  it('POST /application/{id}/events: the same key gives the first answer and one delivery', async () => {
    const send = (): ReturnType<typeof call<{ data: { id: string } }>> =>
      call<{ data: { id: string } }>(platform.baseUrl, 'POST', '/application/1/events', { auth: KEY, headers: { 'Idempotency-Key': 'order-1-paid' }, body: EVENT });
    const answers = await Promise.all([send(), send()]);
    const again = await send();
    expect(answers.map((a) => a.status)).toEqual([202, 202]);
    expect(new Set([...answers, again].map((a) => a.json.data.id)).size).toBe(1);
    await receiver.waitForRequests(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.requests.filter((r) => r.url === '/app')).toHaveLength(1);
    const other = await call<{ data: { id: string } }>(platform.baseUrl, 'POST', '/application/1/events', { auth: KEY, headers: { 'Idempotency-Key': 'order-2-paid' }, body: EVENT });
    expect(other.json.data.id).not.toBe(again.json.data.id);
  });

  it('POST /api/v1/envelope/events: a repeated key stores nothing new', async () => {
    const send = (): ReturnType<typeof call<{ accepted: number; deliveries: number }>> => call<{ accepted: number; deliveries: number }>(platform.baseUrl, 'POST', '/api/v1/envelope/events', {
      auth: `Bearer ${KEY}`, headers: { mailbox: MAILBOX, 'Idempotency-Key': 'batch-7' }, body: [ENVELOPE],
    });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(202);
    expect(second.json).toEqual(first.json);
    expect(first.json).toEqual({ accepted: 1, deliveries: 1 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.requests.filter((r) => r.url === '/env')).toHaveLength(1);
  });

  it('the NATS event subjects take the key as idempotencyKey', async () => {
    const before = (await callbacks()).length;
    const command = { tenantId, applicationId: 1, body: EVENT, idempotencyKey: 'nats-msg-42' };
    const first = await nestNatsRequest<{ id: string }>(nc, APPLICATION_EVENT_SUBJECTS_V1.publish, command);
    const second = await nestNatsRequest<{ id: string }>(nc, APPLICATION_EVENT_SUBJECTS_V1.publish, command);
    expect(second.id).toBe(first.id);
    const envelopes = { tenantId, mailbox: MAILBOX, body: [{ ...ENVELOPE, uuid: '0b3f2f5e-5f5c-4d55-8f5e-7f1b6a2d9c01' }], idempotencyKey: 'nats-batch-1' };
    expect(await nestNatsRequest(nc, ENVELOPE_EVENT_SUBJECTS_V1.publish, envelopes)).toEqual(await nestNatsRequest(nc, ENVELOPE_EVENT_SUBJECTS_V1.publish, envelopes));
    expect((await callbacks()).length - before).toBe(2);
  });

  it.each<[string, string]>([['a space', 'two words'], ['a control character', 'a\tb'], ['256 characters', 'k'.repeat(256)]])('a key with %s is a 400 in the API\'s shape', async (_what, key) => {
    const res = await call(platform.baseUrl, 'POST', '/application/1/events', { auth: KEY, headers: { 'Idempotency-Key': key }, body: EVENT });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ success: false, error: { code: 400, message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' } });
  });
});
