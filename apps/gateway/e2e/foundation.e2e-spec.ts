import { createTestDatabase, PlatformHandle, startPlatform, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { call } from './api-client';

const KEY_A = 'e2e-alpha-admin-key-0001';
const KEY_A_READ = 'e2e-alpha-read-key-00001';
const KEY_B = 'e2e-beta-admin-key-00001';
const MAILBOX = '5e8c6a0e-3f7b-4c1d-9a2e-7b1f0c9d8e6a';

const SEED_WEBHOOK = {
  url: 'http://example.xyz/poster.php',
  retry_enabled: 1,
  retry_config: { retry_value: 10, max_retries: 2, backoff_type: 'multiplier', backoff_value: 2 },
  headers: { appHash: 'abc' },
};

const SEED_CALLBACK = {
  filter: {
    label: ['string'], status: ['COMPLETED'], subject: 'string', receiveDateFrom: '2023-02-16T12:34:26.606Z',
    receiveDateTo: '2023-02-16T12:34:26.606Z', expireDateFrom: '2023-02-16T12:34:26.606Z', expireDateTo: '2023-02-16T12:34:26.606Z',
    template: ['3fa85f64-5717-4562-b3fc-2c963f66afa6'], sender: ['3fa85f64-5717-4562-b3fc-2c963f66afa6'], scope: ['inbox'],
  },
  url: 'https://receiver.example.com/callback',
  retries: 10, timeout: 60000, successCode: 200, login: 'string', password: 'string',
};

describe.each(['sqlite', 'postgres'] as const)('the platform on %s, through the gateway', (driver) => {
  let platform: PlatformHandle;
  let base: string;

  beforeAll(async () => {
    const database = driver === 'sqlite' ? { sqlitePath: tempSqlitePath() } : { postgresUrl: await createTestDatabase('e2e_foundation') };
    platform = await startPlatform({ natsUrl: testNatsUrl(), database, apiKeys: `alpha:${KEY_A},alpha:${KEY_A_READ}:read,beta:${KEY_B}` });
    base = platform.baseUrl;
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('reports liveness and readiness of every service', async () => {
    expect((await call(base, 'GET', '/health')).status).toBe(200);
    const ready = await call<{ ok: boolean; services: Record<string, { ok: boolean; checks: { database: { ok: boolean } } }> }>(base, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.json.ok).toBe(true);
    for (const service of ['callbacks', 'webhooks', 'integration-points']) {
      expect(ready.json.services[service]).toMatchObject({ ok: true, checks: { database: { ok: true } } });
    }
  });

  it('serves its OpenAPI document and a docs page without a key', async () => {
    const doc = await call<{ openapi: string; paths: Record<string, unknown> }>(base, 'GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.json.openapi).toBe('3.1.0');
    expect(doc.json.paths['/rest/v1/service/integration_points']).toHaveProperty(['x-additionalOperations', 'LOOKUP']);
    const page = await call(base, 'GET', '/docs');
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text).toContain('/openapi.json');
    expect((await call(base, 'GET', '/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
  });

  it.each([
    ['Incoplax', 'GET', '/rest/v1/service/integration_points', { error_code: 1401, error_message: expect.stringMatching(/API key/) }],
    ['Conpeek', 'GET', '/application/9/webhook', { success: false, error: { code: 401, message: expect.stringMatching(/API key/) } }],
    ['DocStudio', 'GET', '/api/v1/envelope/callback/list', { code: 401, message: expect.stringMatching(/API key/) }],
  ])('answers 401 without a key in the %s error shape', async (_api, method, path, shape) => {
    const missing = await call(base, method, path);
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual(shape);
    const wrong = await call(base, method, path, { auth: 'Bearer not-a-real-key-at-all' });
    expect(wrong.status).toBe(401);
  });

  it('accepts both "Authorization: <key>" and "Authorization: Bearer <key>"', async () => {
    expect((await call(base, 'GET', '/rest/v1/service/integration_points', { auth: KEY_A })).status).toBe(200);
    expect((await call(base, 'GET', '/rest/v1/service/integration_points', { auth: `Bearer ${KEY_A}` })).status).toBe(200);
  });

  it('round-trips an integration point (create, get, list, LOOKUP, PATCH, DELETE)', async () => {
    const created = await call<Record<string, unknown>>(base, 'POST', '/rest/v1/service/integration_points', {
      auth: KEY_A, body: { code: 'ABCDE', type: 'public', url: 'http://trapper.com', recv_svcscriptcode: 'ws_hook', token_remote: 'remote-secret' },
    });
    expect(created.status).toBe(200);
    const id = created.json.id as string;
    expect(created.json).toMatchObject({ code: 'ABCDE', type: 'public', token_remote: 'remote-secret', url: 'http://trapper.com' });
    expect(created.json.token_local).toMatch(/^[0-9a-f]{32}$/);
    expect((created.json.ext as { ct: string }).ct).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,2})?Z$/);

    const fetched = await call(base, 'GET', `/rest/v1/service/integration_points/${id}`, { auth: KEY_A });
    expect(fetched.status).toBe(200);
    const { signing_secret: secret, ...createdEntity } = created.json;
    expect(secret).toMatch(/^whsec_/);
    expect(fetched.json).toEqual(createdEntity);

    const listed = await call<Array<{ id: string }>>(base, 'GET', '/rest/v1/service/integration_points', { auth: KEY_A });
    expect(listed.json.map((p) => p.id)).toContain(id);

    const lookup = await call(base, 'LOOKUP', '/rest/v1/service/integration_points', { auth: KEY_A, rawBody: JSON.stringify(created.json.token_local) });
    expect(lookup.status).toBe(200);
    expect(lookup.json).toEqual([id]);

    const patched = await call<{ ext: { lwt: string }; opts: { comment: string } }>(base, 'PATCH', `/rest/v1/service/integration_points/${id}`, {
      auth: KEY_A, body: { opts: { comment: 'changed' } },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.opts.comment).toBe('changed');
    expect(patched.json.ext.lwt).not.toBe((created.json.ext as { lwt: string }).lwt);

    expect((await call(base, 'DELETE', `/rest/v1/service/integration_points/${id}`, { auth: KEY_A })).status).toBe(204);
    const gone = await call(base, 'GET', `/rest/v1/service/integration_points/${id}`, { auth: KEY_A });
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ error_code: 1404, error_message: 'integration point not found' });
  });

  it('answers LOOKUP misses with the seed 404', async () => {
    const miss = await call(base, 'LOOKUP', '/rest/v1/service/integration_points', { auth: KEY_A, rawBody: '"82ddc7c68623726346a78371173e2f8d"' });
    expect(miss.status).toBe(404);
    expect(miss.json).toEqual({ error_code: 1404, error_message: 'Lookup failed' });
  });

  it('round-trips the seed application webhook (PUT, GET, DELETE)', async () => {
    const put = await call(base, 'PUT', '/application/9/webhook', { auth: KEY_A, body: SEED_WEBHOOK });
    expect(put.status).toBe(200);
    // The seed's response, plus the webhook's signing secret in the response that created it.
    expect(put.json).toEqual({ success: true, data: { ...SEED_WEBHOOK, signing_secret: expect.stringMatching(/^whsec_/) } });
    expect((await call(base, 'GET', '/application/9/webhook', { auth: KEY_A })).json).toEqual({ success: true, data: SEED_WEBHOOK });
    expect((await call(base, 'DELETE', '/application/9/webhook', { auth: KEY_A })).json).toEqual({ success: true });
    const gone = await call(base, 'GET', '/application/9/webhook', { auth: KEY_A });
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ success: false, error: { code: 404, message: 'application 9 has no webhook' } });
  });

  it("answers the seed's copy-pasted curl body with a 400 that names url", async () => {
    const res = await call<{ success: boolean; error: { code: number; message: string } }>(base, 'PUT', '/application/9/webhook', {
      auth: KEY_A, body: { data: { name: 'EXAMPLE xyz' } },
    });
    expect(res.status).toBe(400);
    expect(res.json.success).toBe(false);
    expect(res.json.error.message).toMatch(/url is required/);
  });

  it('round-trips an envelope callback (add, list, remove) in the seed shape', async () => {
    const headers = { mailbox: MAILBOX };
    const added = await call<Record<string, unknown>>(base, 'POST', '/api/v1/envelope/callback/add', { auth: `Bearer ${KEY_A}`, headers, body: SEED_CALLBACK });
    expect(added.status).toBe(201);
    // The seed's response keys, plus the callback's signing secret in the response that created it.
    expect(Object.keys(added.json).sort()).toEqual(['authType', 'filter', 'id', 'retries', 'signingSecret', 'successCode', 'timeout', 'url']);
    expect(added.json).toMatchObject({ url: SEED_CALLBACK.url, retries: 10, timeout: 60000, successCode: 200, authType: 'BASIC' });
    expect(added.json).not.toHaveProperty('password');

    const listed = await call<Array<{ id: string }>>(base, 'GET', '/api/v1/envelope/callback/list', { auth: `Bearer ${KEY_A}`, headers });
    expect(listed.status).toBe(200);
    expect(listed.json.map((c) => c.id)).toEqual([added.json.id]);

    const removed = await call(base, 'DELETE', `/api/v1/envelope/callback/${added.json.id as string}/remove`, { auth: `Bearer ${KEY_A}`, headers });
    expect(removed.status).toBe(200);
    expect(removed.text).toBe('');
    const again = await call(base, 'DELETE', `/api/v1/envelope/callback/${added.json.id as string}/remove`, { auth: `Bearer ${KEY_A}`, headers });
    expect(again.status).toBe(404);
    expect(again.json).toEqual({ code: 404, message: 'callback not found' });
  });

  it.each([
    ['Incoplax', 'POST', '/rest/v1/service/integration_points', (j: Record<string, unknown>) => expect(j).toEqual({ error_code: 1400, error_message: 'request body is not valid JSON' })],
    ['Conpeek', 'PUT', '/application/9/webhook', (j: Record<string, unknown>) => expect(j).toEqual({ success: false, error: { code: 400, message: 'request body is not valid JSON' } })],
    ['DocStudio', 'POST', '/api/v1/envelope/callback/add', (j: Record<string, unknown>) => expect(j).toEqual({ code: 400, message: 'request body is not valid JSON' })],
  ])('answers malformed JSON with 400 in the %s shape', async (_api, method, path, check) => {
    const res = await call<Record<string, unknown>>(base, method, path, { auth: KEY_A, rawBody: '{"oops":', headers: { 'content-type': 'application/json', mailbox: MAILBOX } });
    expect(res.status).toBe(400);
    check(res.json);
  });

  it('refuses writes with a read-only key (403) but lets it read', async () => {
    const write = await call(base, 'POST', '/rest/v1/service/integration_points', { auth: KEY_A_READ, body: { code: 'RO', type: 'public' } });
    expect(write.status).toBe(403);
    expect(write.json).toEqual({ error_code: 1403, error_message: 'this API key may only read' });
    expect((await call(base, 'GET', '/rest/v1/service/integration_points', { auth: KEY_A_READ })).status).toBe(200);
  });

  it("keeps tenants apart: another tenant's ids are 404 and its codes do not LOOKUP", async () => {
    const created = await call<{ id: string }>(base, 'POST', '/rest/v1/service/integration_points', { auth: KEY_A, body: { code: 'PRIVATE', type: 'public' } });
    expect(created.status).toBe(200);
    expect((await call(base, 'GET', `/rest/v1/service/integration_points/${created.json.id}`, { auth: KEY_B })).status).toBe(404);
    expect((await call(base, 'LOOKUP', '/rest/v1/service/integration_points', { auth: KEY_B, rawBody: '"PRIVATE"' })).status).toBe(404);
    expect((await call(base, 'DELETE', `/rest/v1/service/integration_points/${created.json.id}`, { auth: KEY_B })).status).toBe(404);
    // Tenant B may use the same code: codes are unique per tenant only.
    expect((await call(base, 'POST', '/rest/v1/service/integration_points', { auth: KEY_B, body: { code: 'PRIVATE', type: 'public' } })).status).toBe(200);
    expect((await call(base, 'POST', '/rest/v1/service/integration_points', { auth: KEY_A, body: { code: 'PRIVATE', type: 'public' } })).status).toBe(409);
  });

  it('keeps every service’s data across a restart of all apps', async () => {
    const point = await call<{ id: string }>(base, 'POST', '/rest/v1/service/integration_points', { auth: KEY_A, body: { code: 'DURABLE', type: 'public' } });
    await call(base, 'PUT', '/application/77/webhook', { auth: KEY_A, body: SEED_WEBHOOK });
    const callback = await call<{ id: string }>(base, 'POST', '/api/v1/envelope/callback/add', { auth: `Bearer ${KEY_A}`, headers: { mailbox: MAILBOX }, body: SEED_CALLBACK });

    await platform.restart();

    expect((await call(base, 'GET', `/rest/v1/service/integration_points/${point.json.id}`, { auth: KEY_A })).json).toMatchObject({ code: 'DURABLE' });
    expect((await call(base, 'GET', '/application/77/webhook', { auth: KEY_A })).json).toEqual({ success: true, data: SEED_WEBHOOK });
    const listed = await call<Array<{ id: string }>>(base, 'GET', '/api/v1/envelope/callback/list', { auth: `Bearer ${KEY_A}`, headers: { mailbox: MAILBOX } });
    expect(listed.json.map((c) => c.id)).toContain(callback.json.id);
  }, 90_000);
});
