import { ExecRequestMessage, execRequestSubject, execSyncSubject, STREAMS } from '@hookrelay/contracts';
import { PlatformHandle, startPlatform, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { AckPolicy, connect, JSONCodec, NatsConnection } from 'nats';
import { call } from './api-client';

const KEY = 'e2e-exec-admin-key-000001';
const codec = JSONCodec<ExecRequestMessage>();

async function channel(base: string, body: Record<string, unknown>): Promise<{ id: string; token_local: string }> {
  const res = await call<{ id: string; token_local: string }>(base, 'POST', '/rest/v1/service/integration_points', { auth: KEY, body });
  expect(res.status).toBe(200);
  return res.json;
}

describe('inbound /exec into integration points', () => {
  let platform: PlatformHandle;
  let nc: NatsConnection;

  beforeAll(async () => {
    platform = await startPlatform({ natsUrl: testNatsUrl(), database: { sqlitePath: tempSqlitePath() }, apiKeys: `exec:${KEY}` });
    nc = await connect({ servers: testNatsUrl() });
  }, 120_000);

  afterAll(async () => {
    await nc?.close();
    await platform?.stop();
  });

  it('async channel: answers 200 once stored, and a handler that subscribes later receives the request', async () => {
    const point = await channel(platform.baseUrl, { code: 'ASYNC', type: 'public', recv_svcscriptcode: 'async_hook', opts: { issync: false } });
    const sent = await call<{ accepted: boolean; request_id: string }>(platform.baseUrl, 'POST', '/exec?source=crm', {
      auth: `Bearer ${point.token_local}`, body: { event: 'ticket.created', id: 42 }, headers: { 'x-custom': 'yes' },
    });
    expect(sent.status).toBe(200);
    expect(sent.json).toEqual({ accepted: true, request_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });

    // No handler existed while the request was accepted; one arrives now and consumes it durably.
    const jsm = await nc.jetstreamManager();
    await jsm.consumers.add(STREAMS.execRequests.name, { durable_name: 'async_hook', filter_subject: execRequestSubject('async_hook'), ack_policy: AckPolicy.Explicit });
    const consumer = await nc.jetstream().consumers.get(STREAMS.execRequests.name, 'async_hook');
    const msg = await consumer.next({ expires: 5000 });
    expect(msg).not.toBeNull();
    const request = codec.decode(msg!.data);
    msg!.ack();
    expect(request).toMatchObject({
      request_id: sent.json.request_id, method: 'POST', url: '/exec?source=crm', sender_ip: expect.stringMatching(/127\.0\.0\.1/), protocol: 'HTTP/1.1',
      integration_point: { id: point.id, code: 'ASYNC', recv_svcscriptcode: 'async_hook' },
    });
    expect(JSON.parse(Buffer.from(request.body_base64, 'base64').toString())).toEqual({ event: 'ticket.created', id: 42 });
    expect(request.headers['x-custom']).toBe('yes');
    expect(request.headers).not.toHaveProperty('authorization');
  });

  it("sync channel: the handler's reply (status, headers, body) is the HTTP response; GET works too", async () => {
    const point = await channel(platform.baseUrl, { code: 'SYNC', type: 'public', recv_svcscriptcode: 'sync_hook', opts: { issync: true, recv_timeout: 3000 } });
    const sub = nc.subscribe(execSyncSubject('sync_hook'), {
      callback: (_err, msg) => {
        const request = codec.decode(msg.data);
        const body = JSON.stringify({ echo: Buffer.from(request.body_base64, 'base64').toString(), method: request.method, url: request.url });
        msg.respond(JSONCodec().encode({ status: 201, headers: { 'content-type': 'application/json', 'x-handler': 'sync_hook' }, body_base64: Buffer.from(body).toString('base64') }));
      },
    });
    try {
      const posted = await call<{ echo: string; method: string }>(platform.baseUrl, 'POST', '/exec', { auth: `Bearer ${point.token_local}`, rawBody: 'plain text body', headers: { 'content-type': 'text/plain' } });
      expect(posted.status).toBe(201);
      expect(posted.headers.get('x-handler')).toBe('sync_hook');
      expect(posted.json).toEqual({ echo: 'plain text body', method: 'POST', url: '/exec' });
      const got = await call<{ method: string; url: string }>(platform.baseUrl, 'GET', '/exec?q=1', { auth: `Bearer ${point.token_local}` });
      expect(got.status).toBe(201);
      expect(got.json).toMatchObject({ method: 'GET', url: '/exec?q=1' });
    } finally {
      sub.unsubscribe();
    }
  });

  it('sync channel: 503 without a handler, 504 when the handler is slower than recv_timeout', async () => {
    const point = await channel(platform.baseUrl, { code: 'SLOW', type: 'public', recv_svcscriptcode: 'slow_hook', opts: { issync: true, recv_timeout: 300 } });
    const none = await call(platform.baseUrl, 'POST', '/exec', { auth: `Bearer ${point.token_local}`, body: {} });
    expect(none.status).toBe(503);
    expect(none.json).toEqual({ error_code: 1503, error_message: 'no handler "slow_hook" is subscribed' });

    const sub = nc.subscribe(execSyncSubject('slow_hook'), { callback: (_err, msg) => setTimeout(() => msg.respond(JSONCodec().encode({ status: 200 })), 1500) });
    try {
      const started = Date.now();
      const slow = await call(platform.baseUrl, 'POST', '/exec', { auth: `Bearer ${point.token_local}`, body: {} });
      expect(slow.status).toBe(504);
      expect(slow.json).toEqual({ error_code: 1504, error_message: 'handler "slow_hook" did not answer within 300 ms' });
      expect(Date.now() - started).toBeLessThan(1400);
    } finally {
      sub.unsubscribe();
    }
  });

  it('sync channel: an invalid handler reply is a 503, not a crash', async () => {
    const point = await channel(platform.baseUrl, { code: 'BROKEN', type: 'public', recv_svcscriptcode: 'broken_hook', opts: { issync: true } });
    const sub = nc.subscribe(execSyncSubject('broken_hook'), { callback: (_err, msg) => msg.respond(JSONCodec().encode({ status: 'two hundred' })) });
    try {
      const res = await call<{ error_code: number; error_message: string }>(platform.baseUrl, 'POST', '/exec', { auth: `Bearer ${point.token_local}`, body: {} });
      expect(res.status).toBe(503);
      expect(res.json.error_message).toMatch(/handler "broken_hook" answered an invalid reply: status must be an integer/);
    } finally {
      sub.unsubscribe();
    }
  });

  it.each([
    ['no Authorization', undefined, 'send the channel token as "Authorization: Bearer <token_local>"'],
    ['an API key instead of a channel token', `Bearer ${KEY}`, 'unknown integration token'],
    ['an unknown token', 'Bearer 00000000000000000000000000000000', 'unknown integration token'],
    ['a token without Bearer', '00000000000000000000000000000000', 'send the channel token as "Authorization: Bearer <token_local>"'],
  ])('answers 401 to %s', async (_case, auth, message) => {
    const res = await call(platform.baseUrl, 'POST', '/exec', { auth, body: {} });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error_code: 1401, error_message: message });
  });

  it('answers 503 for a channel without a handler code', async () => {
    const point = await channel(platform.baseUrl, { code: 'NOHANDLER', type: 'public' });
    const res = await call(platform.baseUrl, 'POST', '/exec', { auth: `Bearer ${point.token_local}`, body: {} });
    expect(res.status).toBe(503);
    expect(res.json).toEqual({ error_code: 1503, error_message: 'this integration point has no handler (recv_svcscriptcode is empty)' });
  });
});
