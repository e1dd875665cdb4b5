import { CallbackView, CHANNEL_SEND_SUBJECT_V1, ChannelSendResult } from '@hookrelay/contracts';
import { HttpReceiver, nestNatsRequest, PlatformHandle, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import Database from 'better-sqlite3';
import { connect, NatsConnection } from 'nats';
import { Webhook } from 'standardwebhooks';
import { call, pollUntil } from './api-client';

const KEY = 'e2e-outbound-admin-key-01';

describe('outbound: an internal service sends a message through a channel', () => {
  let platform: PlatformHandle;
  let nc: NatsConnection;
  let receiver: HttpReceiver;
  let tenantId: string;
  let signingSecret: string;
  const send = (data: unknown): Promise<ChannelSendResult> => nestNatsRequest<ChannelSendResult>(nc, CHANNEL_SEND_SUBJECT_V1, data, 15_000);

  beforeAll(async () => {
    const sqlitePath = tempSqlitePath();
    platform = await startPlatform({ natsUrl: testNatsUrl(), database: { sqlitePath }, apiKeys: `outbound:${KEY}`, env: { DELIVERY_ALLOW_CIDRS: '127.0.0.0/8' } });
    nc = await connect({ servers: testNatsUrl() });
    receiver = await startReceiver();
    const created = await call<{ signing_secret: string }>(platform.baseUrl, 'POST', '/rest/v1/service/integration_points', {
      auth: KEY, body: { code: 'OUT', type: 'public', url: receiver.url('/inbox'), token_remote: 'remote-secret-123' },
    });
    signingSecret = created.json.signing_secret;
    await call(platform.baseUrl, 'POST', '/rest/v1/service/integration_points', { auth: KEY, body: { code: 'NOURL', type: 'public' } });
    // Internal producers address a tenant by its id; this test reads it where the gateway stored it.
    const db = new Database(sqlitePath, { readonly: true });
    tenantId = (db.prepare('SELECT id FROM tenants WHERE name = ?').get('outbound') as { id: string }).id;
    db.close();
  }, 120_000);

  afterAll(async () => {
    await receiver?.close();
    await nc?.close();
    await platform?.stop();
  });

  const log = (id: string): Promise<CallbackView> => call<{ data: CallbackView }>(platform.baseUrl, 'GET', `/callback/${id}`, { auth: KEY }).then((r) => r.json.data);

  it('stores the message as a delivery, then POSTs it to the channel url with Authorization: Bearer <token_remote>', async () => {
    receiver.respondWith(() => ({ status: 202, body: 'queued' }));
    const result = await send({ tenantId, channel: 'OUT', payload: { text: 'hello', n: 1 } });
    expect(result).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), accepted: true });
    const [request] = await receiver.waitForRequests(1);
    expect(request).toMatchObject({ method: 'POST', url: '/inbox' });
    expect(request!.headers.authorization).toBe('Bearer remote-secret-123');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['webhook-id']).toBe(result.id);
    expect(JSON.parse(request!.body)).toEqual({ text: 'hello', n: 1 });
    expect(new Webhook(signingSecret).verify(request!.body, request!.headers as Record<string, string>)).toEqual({ text: 'hello', n: 1 });
    const logged = await pollUntil('the delivery to close', () => log(result.id), (c) => c.state === 'CLOSED');
    expect(logged).toMatchObject({ source: 'integration_point', close_reason: 'DELIVERED', call_history: [expect.objectContaining({ status_code: 202, response: 'queued' })] });
  });

  it('retries a failing receiver, and does not follow a redirect', async () => {
    let calls = 0;
    receiver.respondWith(() => (++calls === 1 ? { status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } } : { status: 200 }));
    const result = await send({ tenantId, channel: 'OUT', payload: 1 });
    const logged = await pollUntil('the retry to deliver', () => log(result.id), (c) => c.state === 'CLOSED', 15_000);
    expect(logged.call_history!.map((a) => a.status_code)).toEqual([302, 200]);
  }, 30_000);

  it.each([
    [{ channel: 'NOPE', payload: 1 }, /integration point not found/],
    [{ channel: 'NOURL', payload: 1 }, /has no url to send to/],
    [{ channel: 'OUT' }, /payload is required/],
  ])('refuses %j', async (data, message) => {
    await expect(send({ tenantId, ...data })).rejects.toThrow(message);
  });
});
