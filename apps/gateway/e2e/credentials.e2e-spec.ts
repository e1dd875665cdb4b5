import { createTestDatabase, HttpReceiver, PlatformHandle, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import BetterSqlite3 from 'better-sqlite3';
import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { call, pollUntil } from './api-client';

const ADMIN = 'e2e-creds-admin-key-0001';
const READ = 'e2e-creds-read-key-00001';
const HEADER_TOKEN = 'Bearer conpeek-header-token-0001';
const API_KEY_VALUE = 'short-key';
const REMOTE_TOKEN = 'incoplax-remote-token-0001';
const LEGACY_TOKEN = 'legacy-header-token-0001';
const IP_PATH = '/rest/v1/service/integration_points';

/** Raw SQL on the platform's database, behind the apps' back: what is really stored. */
interface RawDb {
  rows(sql: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

function rawDb(database: { sqlitePath: string } | { postgresUrl: string }): RawDb {
  if ('sqlitePath' in database) {
    const db = new BetterSqlite3(database.sqlitePath, { timeout: 15_000 });
    return {
      rows: async (sql, params = []) => {
        const statement = db.prepare(sql.replace(/\$\d+/g, '?'));
        if (statement.reader) return statement.all(...params) as Array<Record<string, unknown>>;
        statement.run(...params);
        return [];
      },
      close: async () => void db.close(),
    };
  }
  const pool = new Pool({ connectionString: database.postgresUrl, max: 1 });
  return { rows: async (sql, params = []) => (await pool.query(sql, params)).rows as Array<Record<string, unknown>>, close: () => pool.end() };
}

/**
 * Credentials and read keys (review M6/M7): a read key sees no signing secret (403) and only masked tokens and
 * credential-like header values; custom headers are sealed at rest (raw columns read), deliveries carry no
 * copy of them, and no token reaches the logs.
 */
describe.each(['sqlite', 'postgres'] as const)('credentials on %s', (driver) => {
  let platform: PlatformHandle;
  let receiver: HttpReceiver;
  let db: RawDb;
  let base: string;

  beforeAll(async () => {
    const database = driver === 'sqlite' ? { sqlitePath: tempSqlitePath() } : { postgresUrl: await createTestDatabase('e2e_credentials') };
    platform = await startPlatform({
      natsUrl: testNatsUrl(), database, apiKeys: `creds:${ADMIN},creds:${READ}:read`, env: { DELIVERY_ALLOW_CIDRS: '127.0.0.0/8' },
    });
    base = platform.baseUrl;
    receiver = await startReceiver();
    db = rawDb(database);
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    await receiver?.close();
    await platform?.stop();
  });

  describe('Conpeek application webhook', () => {
    const webhook = (): object => ({
      url: receiver.url('/conpeek'), retry_enabled: 0, headers: { Authorization: HEADER_TOKEN, 'X-Api-Key': API_KEY_VALUE, 'X-Tenant': 'acme' },
    });

    beforeAll(async () => {
      expect((await call(base, 'PUT', '/application/7/webhook', { auth: ADMIN, body: webhook() })).status).toBe(200);
    });

    it('shows an admin key the headers as set, a read key their credential values masked', async () => {
      const admin = await call<{ data: { headers: Record<string, string> } }>(base, 'GET', '/application/7/webhook', { auth: ADMIN });
      expect(admin.json.data.headers).toEqual({ Authorization: HEADER_TOKEN, 'X-Api-Key': API_KEY_VALUE, 'X-Tenant': 'acme' });
      const read = await call<{ data: { headers: Record<string, string> } }>(base, 'GET', '/application/7/webhook', { auth: READ });
      expect(read.status).toBe(200);
      expect(read.json.data.headers).toEqual({ Authorization: '********0001', 'X-Api-Key': '********', 'X-Tenant': 'acme' });
    });

    it('refuses the signing secret to a read key (403, Conpeek body), gives it to an admin key', async () => {
      const read = await call(base, 'GET', '/application/7/webhook/secret', { auth: READ });
      expect([read.status, read.json]).toEqual([403, { success: false, error: { code: 403, message: expect.stringMatching(/may not read credentials/) } }]);
      const admin = await call<{ data: { signing_secret: string } }>(base, 'GET', '/application/7/webhook/secret', { auth: ADMIN });
      expect(admin.status).toBe(200);
      expect(admin.json.data.signing_secret).toMatch(/^whsec_/);
    });

    it('stores the headers sealed, in the webhook row and in its delivery target', async () => {
      const [row] = await db.rows(`SELECT headers, headers_sealed FROM application_webhooks WHERE application_id = 7`);
      expect(JSON.parse(String(row!.headers))).toEqual({});
      expect(String(row!.headers_sealed)).toMatch(/^v\d/);
      const [target] = await db.rows(`SELECT headers, headers_sealed FROM delivery_targets WHERE source = 'application_webhook' AND subscription_id = '7'`);
      expect(target!.headers).toBeNull();
      expect(String(target!.headers_sealed)).toMatch(/^v\d/);
      for (const value of [row!.headers_sealed, target!.headers_sealed]) {
        expect(String(value)).not.toContain('conpeek-header-token');
        expect(String(value)).not.toContain(API_KEY_VALUE);
      }
    });

    it('sends the headers, yet the delivery row keeps no copy of them', async () => {
      receiver.clear();
      const sent = await call<{ data: { id: string } }>(base, 'POST', '/application/7/events', { auth: ADMIN, body: { event_name: 'creds.test', event_type: 'test', data: {} } });
      expect(sent.status).toBe(202);
      const [request] = await receiver.waitForRequests(1, 15_000);
      expect(request!.headers).toMatchObject({ authorization: HEADER_TOKEN, 'x-api-key': API_KEY_VALUE, 'x-tenant': 'acme' });
      const id = sent.json.data.id;
      const [delivery] = await pollUntil('the delivery closed', () => db.rows(`SELECT state, headers, authorization_sealed FROM deliveries WHERE id = $1`, [id]), (rows) => rows[0]?.state === 'CLOSED');
      expect(JSON.parse(String(delivery!.headers))).toEqual({});
      expect(delivery!.authorization_sealed).toBeNull();
    });

    it('seals, at start, the headers of a webhook stored before they were sealed', async () => {
      expect((await call(base, 'PUT', '/application/8/webhook', { auth: ADMIN, body: { url: receiver.url('/legacy'), retry_enabled: 0 } })).status).toBe(200);
      // The row as a previous release left it: plaintext headers, no sealed column.
      await db.rows(`UPDATE application_webhooks SET headers = $1, headers_sealed = NULL WHERE application_id = 8`, [JSON.stringify({ 'X-Legacy-Token': LEGACY_TOKEN })]);
      await platform.restart();
      const [row] = await db.rows(`SELECT headers, headers_sealed FROM application_webhooks WHERE application_id = 8`);
      expect(JSON.parse(String(row!.headers))).toEqual({});
      expect(String(row!.headers_sealed)).toMatch(/^v\d/);
      const admin = await call<{ data: { headers: Record<string, string> } }>(base, 'GET', '/application/8/webhook', { auth: ADMIN });
      expect(admin.json.data.headers).toEqual({ 'X-Legacy-Token': LEGACY_TOKEN });
      const read = await call<{ data: { headers: Record<string, string> } }>(base, 'GET', '/application/8/webhook', { auth: READ });
      expect(read.json.data.headers).toEqual({ 'X-Legacy-Token': '********0001' });
    }, 120_000);
  });

  describe('DocStudio envelope callback', () => {
    const mailbox = randomUUID();
    let id: string;

    beforeAll(async () => {
      const created = await call<{ id: string; signingSecret: string }>(base, 'POST', '/api/v1/envelope/callback/add', {
        auth: `Bearer ${ADMIN}`, headers: { mailbox }, body: { filter: {}, url: receiver.url('/docstudio'), retries: 0, timeout: 1000, login: 'user', password: 'docstudio-password' },
      });
      expect(created.status).toBe(201);
      id = created.json.id;
    });

    it('refuses the signing secret to a read key (403, DocStudio body), gives it to an admin key', async () => {
      const read = await call(base, 'GET', `/api/v1/envelope/callback/${id}/secret`, { auth: `Bearer ${READ}`, headers: { mailbox } });
      expect([read.status, read.json]).toEqual([403, { code: 403, message: expect.stringMatching(/may not read credentials/) }]);
      const admin = await call<{ signingSecret: string }>(base, 'GET', `/api/v1/envelope/callback/${id}/secret`, { auth: `Bearer ${ADMIN}`, headers: { mailbox } });
      expect(admin.status).toBe(200);
      expect(admin.json.signingSecret).toMatch(/^whsec_/);
    });

    it('lists the callback to a read key without its password', async () => {
      const read = await call(base, 'GET', '/api/v1/envelope/callback/list', { auth: `Bearer ${READ}`, headers: { mailbox } });
      expect(read.status).toBe(200);
      expect(read.text).not.toContain('docstudio-password');
    });
  });

  describe('Incoplax integration point', () => {
    let entity: { id: string; token_local: string };

    beforeAll(async () => {
      const created = await call<{ id: string; token_local: string }>(base, 'POST', IP_PATH, { auth: ADMIN, body: { code: 'CREDS', type: 'public', token_remote: REMOTE_TOKEN } });
      expect(created.status).toBe(200);
      entity = created.json;
    });

    it('shows an admin key the tokens, a read key them masked (fields kept, strings)', async () => {
      const masked = { token_local: `********${entity.token_local.slice(-4)}`, token_remote: '********0001', token_remote2: '' };
      const admin = await call(base, 'GET', `${IP_PATH}/${entity.id}`, { auth: ADMIN });
      expect(admin.json).toMatchObject({ token_local: entity.token_local, token_remote: REMOTE_TOKEN, token_remote2: '' });
      const one = await call(base, 'GET', `${IP_PATH}/${entity.id}`, { auth: READ });
      expect([one.status, one.json]).toEqual([200, expect.objectContaining(masked)]);
      const list = await call<Array<Record<string, unknown>>>(base, 'GET', IP_PATH, { auth: READ });
      expect(list.json.find((e) => e.id === entity.id)).toMatchObject(masked);
      const projected = await call(base, 'GET', `${IP_PATH}/${entity.id}?mask=tokenlocal,tokenremote&flat=true`, { auth: READ });
      expect(projected.json).toEqual({ token_local: masked.token_local, token_remote: masked.token_remote });
      expect(one.text + list.text + projected.text).not.toContain(entity.token_local);
      expect(one.text + list.text + projected.text).not.toContain(REMOTE_TOKEN);
    });

    it('refuses the signing secret to a read key (403, Incoplax body), gives it to an admin key', async () => {
      const read = await call(base, 'GET', `${IP_PATH}/${entity.id}/secret`, { auth: READ });
      expect([read.status, read.json]).toEqual([403, { error_code: 1403, error_message: expect.stringMatching(/may not read credentials/) }]);
      const admin = await call<{ signing_secret: string }>(base, 'GET', `${IP_PATH}/${entity.id}/secret`, { auth: ADMIN });
      expect(admin.status).toBe(200);
      expect(admin.json.signing_secret).toMatch(/^whsec_/);
    });

    it('resolves a token without writing it to any log line', async () => {
      const resolved = await call(base, 'GET', `/rest/v1/service/integration_tokens/${entity.token_local}`, { auth: ADMIN, headers: { 'x-request-id': 'creds-token-route' } });
      expect(resolved.status).toBe(200);
      const missing = await call(base, 'GET', '/rest/v1/service/integration_tokens/0123456789abcdef0123456789abcdef?token=query-token-0001', { auth: READ });
      expect(missing.status).toBe(404);
      await new Promise((r) => setTimeout(r, 300));
      const logs = platform.logs();
      expect(logs).toContain('"requestId":"creds-token-route"');
      expect(logs).toContain('/rest/v1/service/integration_tokens/[redacted]');
      for (const secret of [entity.token_local, '0123456789abcdef0123456789abcdef', 'query-token-0001', REMOTE_TOKEN, ADMIN, READ, HEADER_TOKEN, 'docstudio-password']) {
        expect(logs).not.toContain(secret);
      }
    });
  });
});
