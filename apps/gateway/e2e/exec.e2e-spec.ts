import {
  execConsumerName, execHandlerNatsUser, ExecRequestMessageV2, execRequestSubjectV2, execSyncSubjectV2, execTenantRequestsFilterV2, RETIRED_STREAM_NAMES, STREAMS,
} from '@hookrelay/contracts';
import { addTestNatsUser, PlatformHandle, startPlatform, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { connect, JSONCodec, Msg, NatsConnection } from 'nats';
import { call } from './api-client';

const KEY_A = 'e2e-exec-admin-key-000001';
const KEY_B = 'e2e-exec-admin-key-000002';
const codec = JSONCodec<ExecRequestMessageV2>();
const replyCodec = JSONCodec<unknown>();
const SECURITY_HEADERS = { 'x-content-type-options': 'nosniff', 'content-security-policy': "sandbox; default-src 'none'; frame-ancestors 'none'" };
const b64 = (text: string): string => Buffer.from(text).toString('base64');

interface Channel {
  id: string;
  token_local: string;
}

describe('inbound /exec into integration points', () => {
  let platform: PlatformHandle;
  let nc: NatsConnection;
  let tenantA: string;
  let tenantB: string;
  /**
   * Handlers connect with their tenant's own NATS user (what `hookrelay nats:exec-user` makes: added to the
   * server's users file and reloaded), so the server itself enforces that a handler sees only its tenant.
   */
  const handlers: NatsConnection[] = [];
  const handlerPasswords = new Map<string, string>();
  const handlerOf = async (tenantId: string): Promise<NatsConnection> => {
    const user = execHandlerNatsUser(tenantId);
    let password = handlerPasswords.get(tenantId);
    if (!password) {
      password = `hr${randomBytes(20).toString('hex')}`;
      await addTestNatsUser({ user: user.user, password, permissions: user.permissions });
      handlerPasswords.set(tenantId, password);
    }
    const conn = await connect({ servers: testNatsUrl(), user: user.user, pass: password, inboxPrefix: user.inboxPrefix });
    handlers.push(conn);
    return conn;
  };
  const channel = async (key: string, body: Record<string, unknown>): Promise<Channel> => {
    const res = await call<Channel>(platform.baseUrl, 'POST', '/rest/v1/service/integration_points', { auth: key, body });
    expect(res.status).toBe(200);
    return res.json;
  };

  beforeAll(async () => {
    const sqlitePath = tempSqlitePath();
    platform = await startPlatform({ natsUrl: testNatsUrl(), database: { sqlitePath }, apiKeys: `execa:${KEY_A},execb:${KEY_B}` });
    nc = await connect({ servers: testNatsUrl() });
    // Handlers are configured with their tenant's id; this test reads it where the gateway stored it.
    const db = new Database(sqlitePath, { readonly: true });
    const idOf = (name: string): string => (db.prepare('SELECT id FROM tenants WHERE name = ?').get(name) as { id: string }).id;
    [tenantA, tenantB] = [idOf('execa'), idOf('execb')];
    db.close();
  }, 120_000);

  afterAll(async () => {
    for (const conn of handlers) await conn.close();
    await nc?.close();
    await platform?.stop();
  });

  describe('async channels', () => {
    it("stores the request (200) for the tenant's consumer, created with the channel, and the message carries the tenant and no credential", async () => {
      const point = await channel(KEY_A, {
        code: 'ASYNC', type: 'public', recv_svcscriptcode: 'async_hook', opts: { issync: false, title: 'CRM in' },
        token_remote: 'remote-secret-token-1', token_remote2: 'remote-secret-token-2', url: 'https://crm.example.com/hook?key=url-secret',
      });
      // The consumer exists before any request: a handler may start pulling first (its credentials cannot create it).
      const jsm = await nc.jetstreamManager();
      const info = await jsm.consumers.info(STREAMS.execRequests.name, execConsumerName(tenantA));
      expect(info.config.filter_subject).toBe(execTenantRequestsFilterV2(tenantA));

      const sent = await call<{ accepted: boolean; request_id: string }>(platform.baseUrl, 'POST', '/exec?source=crm', {
        auth: `Bearer ${point.token_local}`, body: { event: 'ticket.created', id: 42 }, headers: { 'x-custom': 'yes' },
      });
      expect(sent.status).toBe(200);
      expect(sent.json).toEqual({ accepted: true, request_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });

      const handler = await handlerOf(tenantA);
      const consumer = await handler.jetstream().consumers.get(STREAMS.execRequests.name, execConsumerName(tenantA));
      const msg = await consumer.next({ expires: 5000 });
      expect(msg).not.toBeNull();
      msg!.ack();
      expect(msg!.subject).toBe(execRequestSubjectV2(tenantA, 'async_hook'));
      const request = codec.decode(msg!.data);
      expect(request).toMatchObject({
        tenant_id: tenantA, request_id: sent.json.request_id, method: 'POST', url: '/exec?source=crm', sender_ip: expect.stringMatching(/127\.0\.0\.1/), protocol: 'HTTP/1.1',
      });
      expect(request.integration_point).toEqual({
        id: point.id, code: 'ASYNC', type: 'public', recv_svcscriptcode: 'async_hook',
        opts: { title: 'CRM in', comment: '', allow_files_api: false, issync: false, recv_timeout: 30000 },
      });
      const raw = Buffer.from(msg!.data).toString();
      for (const secret of [point.token_local, 'remote-secret-token-1', 'remote-secret-token-2', 'url-secret']) expect(raw).not.toContain(secret);
      expect(JSON.parse(Buffer.from(request.body_base64, 'base64').toString())).toEqual({ event: 'ticket.created', id: 42 });
      expect(request.headers['x-custom']).toBe('yes');
      expect(request.headers).not.toHaveProperty('authorization');
      // v1 is retired: nothing creates or writes its stream any more.
      await expect(jsm.streams.info(RETIRED_STREAM_NAMES.execRequestsV1)).rejects.toThrow(/stream not found/);
    });

    it("tenant B's channel with the same handler code, id and code lands on B's consumer, never on A's", async () => {
      const id = '7d1f0b4e-3c2a-4b8e-9f6d-1a2b3c4d5e6f';
      await channel(KEY_A, { id, code: 'SHARED', type: 'public', recv_svcscriptcode: 'shared_hook' });
      const pointB = await channel(KEY_B, { id, code: 'SHARED', type: 'public', recv_svcscriptcode: 'shared_hook' });
      const sent = await call<{ request_id: string }>(platform.baseUrl, 'POST', '/exec', { auth: `Bearer ${pointB.token_local}`, body: { from: 'B' } });
      expect(sent.status).toBe(200);

      const handlerB = await handlerOf(tenantB);
      const msgB = await (await handlerB.jetstream().consumers.get(STREAMS.execRequests.name, execConsumerName(tenantB))).next({ expires: 5000 });
      expect(msgB?.subject).toBe(execRequestSubjectV2(tenantB, 'shared_hook'));
      expect(codec.decode(msgB!.data)).toMatchObject({ tenant_id: tenantB, request_id: sent.json.request_id, integration_point: { id, code: 'SHARED' } });
      msgB!.ack();

      const handlerA = await handlerOf(tenantA);
      expect(await (await handlerA.jetstream().consumers.get(STREAMS.execRequests.name, execConsumerName(tenantA))).next({ expires: 1000 })).toBeNull();
    });
  });

  describe('sync channels', () => {
    it("relays the handler's reply (status, allowed headers, body); GET works too", async () => {
      const point = await channel(KEY_A, { code: 'SYNC', type: 'public', recv_svcscriptcode: 'sync_hook', opts: { issync: true, recv_timeout: 3000 } });
      const handler = await handlerOf(tenantA);
      const sub = handler.subscribe(execSyncSubjectV2(tenantA, 'sync_hook'), {
        callback: (_err, msg) => {
          const request = codec.decode(msg.data);
          const body = JSON.stringify({ echo: Buffer.from(request.body_base64, 'base64').toString(), method: request.method, url: request.url, tenant: request.tenant_id });
          msg.respond(replyCodec.encode({ status: 201, headers: { 'content-type': 'application/json', 'x-handler': 'sync_hook' }, body_base64: b64(body) }));
        },
      });
      try {
        const posted = await call<{ echo: string; method: string }>(platform.baseUrl, 'POST', '/exec', { auth: `Bearer ${point.token_local}`, rawBody: 'plain text body', headers: { 'content-type': 'text/plain' } });
        expect(posted.status).toBe(201);
        expect(posted.headers.get('x-handler')).toBe('sync_hook');
        expect(posted.json).toEqual({ echo: 'plain text body', method: 'POST', url: '/exec', tenant: tenantA });
        const got = await call<{ method: string; url: string }>(platform.baseUrl, 'GET', '/exec?q=1', { auth: `Bearer ${point.token_local}` });
        expect(got.status).toBe(201);
        expect(got.json).toMatchObject({ method: 'GET', url: '/exec?q=1' });
      } finally {
        sub.unsubscribe();
      }
    });

    it("tenant B cannot reach tenant A's handler by choosing the same handler code", async () => {
      const pointA = await channel(KEY_A, { code: 'CRM', type: 'public', recv_svcscriptcode: 'crm', opts: { issync: true, recv_timeout: 2000 } });
      const pointB = await channel(KEY_B, { code: 'CRM', type: 'public', recv_svcscriptcode: 'crm', opts: { issync: true, recv_timeout: 2000 } });
      const seenByA: ExecRequestMessageV2[] = [];
      const handlerA = await handlerOf(tenantA);
      const subA = handlerA.subscribe(execSyncSubjectV2(tenantA, 'crm'), {
        callback: (_err, msg) => {
          seenByA.push(codec.decode(msg.data));
          msg.respond(replyCodec.encode({ status: 200, body_base64: b64('handled by A') }));
        },
      });
      try {
        await handlerA.flush();
        const fromB = await call(platform.baseUrl, 'POST', '/exec', { auth: `Bearer ${pointB.token_local}`, body: { from: 'B' } });
        expect(fromB.status).toBe(503);
        expect(fromB.json).toEqual({ error_code: 1503, error_message: 'no handler "crm" is subscribed' });
        expect(seenByA).toEqual([]);

        const handlerB = await handlerOf(tenantB);
        const subB = handlerB.subscribe(execSyncSubjectV2(tenantB, 'crm'), { callback: (_err, msg) => msg.respond(replyCodec.encode({ status: 200, body_base64: b64('handled by B') })) });
        await handlerB.flush();
        expect((await call(platform.baseUrl, 'POST', '/exec', { auth: `Bearer ${pointB.token_local}`, body: {} })).text).toBe('handled by B');
        expect((await call(platform.baseUrl, 'POST', '/exec', { auth: `Bearer ${pointA.token_local}`, body: {} })).text).toBe('handled by A');
        expect(seenByA.map((r) => r.tenant_id)).toEqual([tenantA]);
        subB.unsubscribe();
      } finally {
        subA.unsubscribe();
      }
    });

    it('serves a reply from the gateway origin without cookies or active content: Set-Cookie and origin-wide headers dropped, nosniff and a sandboxing CSP', async () => {
      const point = await channel(KEY_A, { code: 'HTML', type: 'public', recv_svcscriptcode: 'html_hook', opts: { issync: true, recv_timeout: 3000 } });
      const handler = await handlerOf(tenantA);
      const sub = handler.subscribe(execSyncSubjectV2(tenantA, 'html_hook'), {
        callback: (_err, msg) => msg.respond(replyCodec.encode({
          status: 200,
          headers: {
            'Content-Type': 'text/html', 'Set-Cookie': 'session=stolen; Path=/', 'set-cookie': 'a=1', 'SET-COOKIE': 'b=2', 'X-Handler': 'html',
            'Strict-Transport-Security': 'max-age=0', 'Access-Control-Allow-Origin': '*', 'Content-Security-Policy': 'default-src *', 'X-Content-Type-Options': 'off',
          },
          body_base64: b64('<script>alert(document.cookie)</script>'),
        })),
      });
      try {
        const res = await call(platform.baseUrl, 'POST', '/exec', { auth: `Bearer ${point.token_local}`, body: {} });
        expect(res.status).toBe(200);
        expect(res.text).toBe('<script>alert(document.cookie)</script>');
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
        expect(res.headers.get('x-handler')).toBe('html');
        expect(res.headers.getSetCookie()).toEqual([]);
        expect(res.headers.get('strict-transport-security')).toBeNull();
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
        expect(res.headers.get('x-content-type-options')).toBe(SECURITY_HEADERS['x-content-type-options']);
        expect(res.headers.get('content-security-policy')).toBe(SECURITY_HEADERS['content-security-policy']);
      } finally {
        sub.unsubscribe();
      }
    });

    describe('an invalid handler reply is a 502 with a clear body, never a 500', () => {
      let token: string;
      let sub: { unsubscribe(): void };
      /** The handler answers whatever raw bytes the request's x-reply header names. */
      const replies: Record<string, Uint8Array> = {
        'not-json': Buffer.from('<html>oops</html>'),
        'not-an-object': replyCodec.encode([200]),
        'status-text': replyCodec.encode({ status: 'two hundred' }),
        'status-high': replyCodec.encode({ status: 1000 }),
        'status-interim': replyCodec.encode({ status: 101 }),
        'header-crlf': replyCodec.encode({ status: 200, headers: { 'x-a': 'b\r\nSet-Cookie: s=1' } }),
        'header-nul': replyCodec.encode({ status: 200, headers: { 'x-a': 'a\u0000b' } }),
        'header-above-ff': replyCodec.encode({ status: 200, headers: { 'x-a': 'snow \u2603' } }),
        'header-name': replyCodec.encode({ status: 200, headers: { 'bad name': '1' } }),
        'body-not-base64': replyCodec.encode({ status: 200, body_base64: 'this is not base64!' }),
      };

      beforeAll(async () => {
        token = (await channel(KEY_A, { code: 'BROKEN', type: 'public', recv_svcscriptcode: 'broken_hook', opts: { issync: true, recv_timeout: 3000 } })).token_local;
        const handler = await handlerOf(tenantA);
        sub = handler.subscribe(execSyncSubjectV2(tenantA, 'broken_hook'), {
          callback: (_err, msg: Msg) => msg.respond(replies[codec.decode(msg.data).headers['x-reply'] ?? ''] ?? replyCodec.encode({ status: 200 })),
        });
        await handler.flush();
      });

      afterAll(() => sub?.unsubscribe());

      it.each([
        ['not-json', 'not JSON'],
        ['not-an-object', 'not an object'],
        ['status-text', 'status must be an integer number'],
        ['status-high', 'status must not be greater than 599'],
        ['status-interim', 'status must not be less than 200'],
        ['header-crlf', 'headers value of "x-a" has a character HTTP forbids (CR, LF, NUL, above \\xff) or is longer than 4096'],
        ['header-nul', 'headers value of "x-a" has a character HTTP forbids (CR, LF, NUL, above \\xff) or is longer than 4096'],
        ['header-above-ff', 'headers value of "x-a" has a character HTTP forbids (CR, LF, NUL, above \\xff) or is longer than 4096'],
        ['header-name', 'headers has an invalid header name "bad name"'],
        ['body-not-base64', 'body_base64 must be base64 encoded'],
      ])('%s', async (reply, problem) => {
        const res = await call(platform.baseUrl, 'POST', '/exec', { auth: `Bearer ${token}`, body: {}, headers: { 'x-reply': reply } });
        expect(res.status).toBe(502);
        expect(res.json).toEqual({ error_code: 1502, error_message: `handler "broken_hook" answered an invalid reply: ${problem}` });
        expect(res.headers.getSetCookie()).toEqual([]);
      });
    });

    it('503 without a handler, 504 when the handler is slower than recv_timeout', async () => {
      const point = await channel(KEY_A, { code: 'SLOW', type: 'public', recv_svcscriptcode: 'slow_hook', opts: { issync: true, recv_timeout: 300 } });
      const none = await call(platform.baseUrl, 'POST', '/exec', { auth: `Bearer ${point.token_local}`, body: {} });
      expect(none.status).toBe(503);
      expect(none.json).toEqual({ error_code: 1503, error_message: 'no handler "slow_hook" is subscribed' });

      const handler = await handlerOf(tenantA);
      const sub = handler.subscribe(execSyncSubjectV2(tenantA, 'slow_hook'), { callback: (_err, msg) => setTimeout(() => msg.respond(replyCodec.encode({ status: 200 })), 1500) });
      try {
        await handler.flush();
        const started = Date.now();
        const slow = await call(platform.baseUrl, 'POST', '/exec', { auth: `Bearer ${point.token_local}`, body: {} });
        expect(slow.status).toBe(504);
        expect(slow.json).toEqual({ error_code: 1504, error_message: 'handler "slow_hook" did not answer within 300 ms' });
        expect(Date.now() - started).toBeLessThan(1400);
      } finally {
        sub.unsubscribe();
      }
    });
  });

  it.each([
    ['no Authorization', undefined, 'send the channel token as "Authorization: Bearer <token_local>"'],
    ['an API key instead of a channel token', `Bearer ${KEY_A}`, 'unknown integration token'],
    ['an unknown token', 'Bearer 00000000000000000000000000000000', 'unknown integration token'],
    ['a token without Bearer', '00000000000000000000000000000000', 'send the channel token as "Authorization: Bearer <token_local>"'],
  ])('answers 401 to %s', async (_case, auth, message) => {
    const res = await call(platform.baseUrl, 'POST', '/exec', { auth, body: {} });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error_code: 1401, error_message: message });
  });

  it('answers 503 for a channel without a handler code', async () => {
    const point = await channel(KEY_A, { code: 'NOHANDLER', type: 'public' });
    const res = await call(platform.baseUrl, 'POST', '/exec', { auth: `Bearer ${point.token_local}`, body: {} });
    expect(res.status).toBe(503);
    expect(res.json).toEqual({ error_code: 1503, error_message: 'this integration point has no handler (recv_svcscriptcode is empty)' });
  });
});
