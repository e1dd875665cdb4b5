import { CHANNEL_SEND_SUBJECT_V1, ChannelSendResult } from '@hookrelay/contracts';
import { HttpReceiver, nestNatsRequest, PlatformHandle, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import Database from 'better-sqlite3';
import { connect, NatsConnection } from 'nats';
import { call } from './api-client';

const KEY = 'e2e-outbound-admin-key-01';

describe('outbound: an internal service sends a message through a channel', () => {
  let platform: PlatformHandle;
  let nc: NatsConnection;
  let receiver: HttpReceiver;
  let tenantId: string;
  const send = (data: unknown): Promise<ChannelSendResult> => nestNatsRequest<ChannelSendResult>(nc, CHANNEL_SEND_SUBJECT_V1, data, 15_000);

  beforeAll(async () => {
    const sqlitePath = tempSqlitePath();
    platform = await startPlatform({ natsUrl: testNatsUrl(), database: { sqlitePath }, apiKeys: `outbound:${KEY}` });
    nc = await connect({ servers: testNatsUrl() });
    receiver = await startReceiver();
    await call(platform.baseUrl, 'POST', '/rest/v1/service/integration_points', {
      auth: KEY, body: { code: 'OUT', type: 'public', url: receiver.url('/inbox'), token_remote: 'remote-secret-123' },
    });
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

  it('POSTs the payload to the channel url with Authorization: Bearer <token_remote>', async () => {
    receiver.respondWith(() => ({ status: 202, body: 'queued' }));
    const result = await send({ tenantId, channel: 'OUT', payload: { text: 'hello', n: 1 } });
    expect(result).toMatchObject({ status: 202, delivered: true, body_snippet: 'queued' });
    const [request] = await receiver.waitForRequests(1);
    expect(request).toMatchObject({ method: 'POST', url: '/inbox' });
    expect(request!.headers.authorization).toBe('Bearer remote-secret-123');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request!.body)).toEqual({ text: 'hello', n: 1 });
  });

  it('reports a failing receiver and a redirect without following it', async () => {
    receiver.respondWith(() => ({ status: 500, body: 'boom' }));
    expect(await send({ tenantId, channel: 'OUT', payload: 1 })).toMatchObject({ status: 500, delivered: false, body_snippet: 'boom' });
    receiver.respondWith(() => ({ status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } }));
    expect(await send({ tenantId, channel: 'OUT', payload: 1 })).toMatchObject({ status: 302, delivered: false });
  });

  it.each([
    [{ channel: 'NOPE', payload: 1 }, /integration point not found/],
    [{ channel: 'NOURL', payload: 1 }, /has no url to send to/],
    [{ channel: 'OUT' }, /payload is required/],
  ])('refuses %j', async (data, message) => {
    await expect(send({ tenantId, ...data })).rejects.toThrow(message);
  });
});
