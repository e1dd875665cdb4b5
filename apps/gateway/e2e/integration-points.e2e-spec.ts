import { createTestDatabase, PlatformHandle, startPlatform, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { call } from './api-client';

const KEY = 'e2e-incoplax-admin-key-01';
const OTHER = 'e2e-incoplax-other-key-01';
const PATH = '/rest/v1/service/integration_points';
const GIVEN_ID = 'b4680fbe-016c-d86f-1d6b-50e54938780c';

type Entity = Record<string, unknown> & { id: string; code: string; token_local: string; signing_secret?: string; opts: Record<string, unknown>; ext: { ct: string; lwt: string } };
const q = (params: Record<string, string>): string => `?${new URLSearchParams(params).toString()}`;

describe.each(['sqlite', 'postgres'] as const)('the Incoplax integration points API on %s', (driver) => {
  let platform: PlatformHandle;
  let base: string;
  let seedLike: Entity;
  let telegram: Entity;

  beforeAll(async () => {
    const database = driver === 'sqlite' ? { sqlitePath: tempSqlitePath() } : { postgresUrl: await createTestDatabase('e2e_incoplax') };
    platform = await startPlatform({ natsUrl: testNatsUrl(), database, apiKeys: `incoplax:${KEY},other:${OTHER}` });
    base = platform.baseUrl;
    // The seed's entity, with the seed's own id.
    seedLike = (await call<Entity>(base, 'POST', PATH, {
      auth: KEY,
      body: {
        id: GIVEN_ID, code: 'ABCDE', type: 'public', url: 'http://trapper.com', recv_svcscriptcode: 'ws_hook', send_svcscriptcode: 'send_to_web',
        opts: { title: '', comment: '', allow_files_api: false, issync: false },
      },
    })).json;
    telegram = (await call<Entity>(base, 'POST', PATH, { auth: KEY, body: { code: '902', type: 'telegram', url: 'http://trapper.com', opts: { title: 'bot', issync: true } } })).json;
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('creates with the seed shape: 200, the given id, a generated 32-hex token_local, opts and ext', () => {
    // The seed's entity, plus the channel's signing secret in the response that created it.
    expect(Object.keys(seedLike).sort()).toEqual(['code', 'ext', 'id', 'opts', 'recv_svcscriptcode', 'recv_svcscriptcode_ws', 'send_svcscriptcode', 'send_svcscriptcode_ws', 'signing_secret', 'token_local', 'token_remote', 'token_remote2', 'type', 'url'].sort());
    expect(seedLike.signing_secret).toMatch(/^whsec_/);
    expect(seedLike).toMatchObject({ id: GIVEN_ID, code: 'ABCDE', type: 'public', token_remote: '', token_remote2: '', url: 'http://trapper.com', recv_svcscriptcode: 'ws_hook', send_svcscriptcode: 'send_to_web' });
    expect(seedLike.token_local).toMatch(/^[0-9a-f]{32}$/);
    expect(seedLike.opts).toMatchObject({ title: '', comment: '', allow_files_api: false, issync: false });
    expect(seedLike.ext.ct).toBe(seedLike.ext.lwt);
  });

  it('lists as a bare array with offset and limit (the seed request)', async () => {
    const page = await call<Entity[]>(base, 'GET', `${PATH}?offset=0&limit=2`, { auth: KEY });
    expect(page.status).toBe(200);
    expect(Array.isArray(page.json)).toBe(true);
    expect(page.json.map((p) => p.id)).toEqual([seedLike.id, telegram.id]);
    expect((await call<Entity[]>(base, 'GET', `${PATH}?offset=1&limit=1`, { auth: KEY })).json.map((p) => p.code)).toEqual(['902']);
  });

  it.each([
    ['filter by a field', { filter: '{"type":"telegram"}' }, (list: Entity[]) => expect(list.map((p) => p.code)).toEqual(['902'])],
    ['filter by membership', { filter: '{"code":["ABCDE","902","nope"]}' }, (list: Entity[]) => expect(list).toHaveLength(2)],
    ['filter by a dotted path', { filter: '{"opts.issync":true}' }, (list: Entity[]) => expect(list.map((p) => p.code)).toEqual(['902'])],
    ['filter by a nested object', { filter: '{"opts":{"title":"bot"}}' }, (list: Entity[]) => expect(list.map((p) => p.code)).toEqual(['902'])],
    ['order descending', { order: '[{"code":"desc"}]' }, (list: Entity[]) => expect(list.map((p) => p.code)).toEqual(['ABCDE', '902'])],
    ['order by a plain field name', { order: '["type"]' }, (list: Entity[]) => expect(list.map((p) => p.type)).toEqual(['public', 'telegram'])],
    ['mask', { mask: 'id,code,opts.issync' }, (list: Entity[]) => expect(list[0]).toEqual({ id: seedLike.id, code: 'ABCDE', opts: { issync: false } })],
    ['mask with the seed spelling tokenlocal', { mask: 'tokenlocal' }, (list: Entity[]) => expect(list[0]).toEqual({ token_local: seedLike.token_local })],
    ['flat', { flat: 'true', mask: 'code,opts.title,ext.ct' }, (list: Entity[]) => expect(list[1]).toEqual({ code: '902', 'opts.title': 'bot', 'ext.ct': telegram.ext.ct })],
    ['filter + order + mask + flat', { filter: '{"url":"http://trapper.com"}', order: '[{"type":"desc"}]', mask: 'type,opts', flat: '1' },
      (list: Entity[]) => expect(list.map((p) => p.type)).toEqual(['telegram', 'public'])],
  ])('lists with %s', async (_name, params, check) => {
    const res = await call<Entity[]>(base, 'GET', `${PATH}${q(params)}`, { auth: KEY });
    expect(res.status).toBe(200);
    check(res.json);
  });

  it('reads and rotates the signing secret (Incoplax casing), and GET does not show it', async () => {
    expect((await call(base, 'GET', `${PATH}/${seedLike.id}/secret`, { auth: KEY })).json).toEqual({ signing_secret: seedLike.signing_secret });
    const rotated = await call<{ signing_secret: string }>(base, 'POST', `${PATH}/${seedLike.id}/secret/rotate`, { auth: KEY });
    expect(rotated.json.signing_secret).toMatch(/^whsec_/);
    expect(rotated.json.signing_secret).not.toBe(seedLike.signing_secret);
    expect((await call(base, 'GET', `${PATH}/${seedLike.id}/secret`, { auth: OTHER })).status).toBe(404);
    expect((await call(base, 'GET', `${PATH}/${seedLike.id}`, { auth: KEY })).json).not.toHaveProperty('signing_secret');
  });

  it('gets one with mask and flat', async () => {
    const res = await call(base, 'GET', `${PATH}/${seedLike.id}${q({ mask: 'code,ext', flat: 'true' })}`, { auth: KEY });
    expect(res.json).toEqual({ code: 'ABCDE', 'ext.ct': seedLike.ext.ct, 'ext.lwt': seedLike.ext.lwt });
  });

  it('PATCHes: token_remote set (returned to its owner), lwt moves, ct stays; id and token_local are immutable', async () => {
    const patched = await call<Entity>(base, 'PATCH', `${PATH}/${seedLike.id}`, { auth: KEY, body: { token_remote: '00ea293c29f9dc30' } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ token_remote: '00ea293c29f9dc30', token_local: seedLike.token_local });
    expect(patched.json.ext.ct).toBe(seedLike.ext.ct);
    expect(patched.json.ext.lwt > seedLike.ext.lwt).toBe(true);
    // Sending back the current values is not a change.
    expect((await call(base, 'PATCH', `${PATH}/${seedLike.id}`, { auth: KEY, body: { id: seedLike.id, token_local: seedLike.token_local } })).status).toBe(200);
    const id = await call(base, 'PATCH', `${PATH}/${seedLike.id}`, { auth: KEY, body: { id: 'a188288e-016c-d86f-cd99-50e54938780c' } });
    expect(id.status).toBe(400);
    expect(id.json).toEqual({ error_code: 1400, error_message: 'id cannot be changed' });
    const token = await call(base, 'PATCH', `${PATH}/${seedLike.id}`, { auth: KEY, body: { token_local: '82ddc7c68623726346a78371173e2f8d' } });
    expect(token.json).toEqual({ error_code: 1400, error_message: 'token_local cannot be changed' });
    const code = await call(base, 'PATCH', `${PATH}/${seedLike.id}`, { auth: KEY, body: { code: '902' } });
    expect(code.status).toBe(409);
    expect(code.json).toEqual({ error_code: 1409, error_message: 'code "902" already exists' });
  });

  it('resolves integration tokens to their point, within the tenant', async () => {
    const res = await call(base, 'GET', `/rest/v1/service/integration_tokens/${seedLike.token_local}`, { auth: KEY });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ domain: 'incoplax', integration_point: { id: seedLike.id, _links: { self: { href: `${PATH}/${seedLike.id}` } } } });
    const foreign = await call(base, 'GET', `/rest/v1/service/integration_tokens/${seedLike.token_local}`, { auth: OTHER });
    expect(foreign.status).toBe(404);
    expect(foreign.json).toEqual({ error_code: 1404, error_message: 'Token not found' });
  });

  it('keeps another tenant out of everything: GET, list, PATCH, DELETE, LOOKUP', async () => {
    expect((await call(base, 'GET', `${PATH}/${seedLike.id}`, { auth: OTHER })).status).toBe(404);
    expect((await call(base, 'GET', PATH, { auth: OTHER })).json).toEqual([]);
    expect((await call(base, 'PATCH', `${PATH}/${seedLike.id}`, { auth: OTHER, body: { url: '' } })).status).toBe(404);
    expect((await call(base, 'DELETE', `${PATH}/${seedLike.id}`, { auth: OTHER })).status).toBe(404);
    for (const key of [seedLike.id, 'ABCDE', seedLike.token_local]) {
      expect((await call(base, 'LOOKUP', PATH, { auth: OTHER, rawBody: JSON.stringify(key) })).json).toEqual({ error_code: 1404, error_message: 'Lookup failed' });
    }
    // The other tenant may even reuse the same id.
    expect((await call(base, 'POST', PATH, { auth: OTHER, body: { id: GIVEN_ID, code: 'ABCDE', type: 'public' } })).status).toBe(200);
  });

  it('answers a repeated id with 409', async () => {
    const res = await call(base, 'POST', PATH, { auth: KEY, body: { id: GIVEN_ID, code: 'ANOTHER', type: 'public' } });
    expect(res.status).toBe(409);
    expect(res.json).toEqual({ error_code: 1409, error_message: `id "${GIVEN_ID}" already exists` });
  });

  /** Bad input answers 4xx in the Incoplax shape, never 500. */
  const BAD: Array<[string, string, string, { body?: unknown; raw?: string }, number, RegExp]> = [
    ['create: no body', 'POST', PATH, {}, 400, /request body must be a JSON object/],
    ['create: malformed JSON', 'POST', PATH, { raw: '{"code":' }, 400, /not valid JSON/],
    ['create: an array', 'POST', PATH, { body: [1, 2] }, 400, /request body must be a JSON object/],
    ['create: a string', 'POST', PATH, { body: 'ABCDE' }, 400, /request body must be a JSON object/],
    ['create: missing code', 'POST', PATH, { body: { type: 'public' } }, 400, /code must be a string/],
    ['create: missing type', 'POST', PATH, { body: { code: 'X1' } }, 400, /type must be a string/],
    ['create: numeric code', 'POST', PATH, { body: { code: 5, type: 'public' } }, 400, /code must be a string/],
    ['create: empty code', 'POST', PATH, { body: { code: '', type: 'public' } }, 400, /code must be longer than or equal to 1/],
    ['create: bad id', 'POST', PATH, { body: { id: 'not-a-uuid', code: 'X2', type: 'public' } }, 400, /id must be a UUID/],
    ['create: token_local given', 'POST', PATH, { body: { code: 'X3', type: 'public', token_local: 'ab' } }, 400, /unknown field "token_local"/],
    ['create: ext given', 'POST', PATH, { body: { code: 'X4', type: 'public', ext: { ct: 'x' } } }, 400, /unknown field "ext"/],
    ['create: unknown field', 'POST', PATH, { body: { code: 'X5', type: 'public', colour: 'red' } }, 400, /unknown field "colour"/],
    ['create: bad url', 'POST', PATH, { body: { code: 'X6', type: 'public', url: 'ftp://x' } }, 400, /url must be an http\(s\) URL or empty/],
    ['create: opts not an object', 'POST', PATH, { body: { code: 'X7', type: 'public', opts: 'sync' } }, 400, /opts must be an object/],
    ['create: issync not boolean', 'POST', PATH, { body: { code: 'X8', type: 'public', opts: { issync: 'yes' } } }, 400, /opts.issync must be a boolean/],
    ['create: recv_timeout too small', 'POST', PATH, { body: { code: 'X9', type: 'public', opts: { recv_timeout: 5 } } }, 400, /opts.recv_timeout must not be less than 100/],
    ['create: unknown opts field', 'POST', PATH, { body: { code: 'X10', type: 'public', opts: { turbo: true } } }, 400, /unknown field "opts.turbo"/],
    ['create: script code with a dot', 'POST', PATH, { body: { code: 'X11', type: 'public', recv_svcscriptcode: 'a.b' } }, 400, /recv_svcscriptcode may hold only/],
    ['create: code too long', 'POST', PATH, { body: { code: 'x'.repeat(300), type: 'public' } }, 400, /code must be shorter than or equal to 255/],
    ['list: filter not JSON', 'GET', `${PATH}?filter={bad`, {}, 400, /filter/],
    ['list: filter an array', 'GET', `${PATH}?filter=[1]`, {}, 400, /filter/],
    ['list: unknown filter field', 'GET', `${PATH}${q({ filter: '{"colour":"red"}' })}`, {}, 400, /colour/],
    ['list: filter wrong type', 'GET', `${PATH}${q({ filter: '{"opts.issync":"yes"}' })}`, {}, 400, /issync/],
    ['list: filter on a sealed token', 'GET', `${PATH}${q({ filter: '{"token_remote":"x"}' })}`, {}, 400, /token_remote/],
    ['list: unknown mask field', 'GET', `${PATH}?mask=id,colour`, {}, 400, /colour/],
    ['list: empty mask item', 'GET', `${PATH}?mask=id,,code`, {}, 400, /mask/],
    ['list: unknown order field', 'GET', `${PATH}${q({ order: '["colour"]' })}`, {}, 400, /colour/],
    ['list: bad order direction', 'GET', `${PATH}${q({ order: '[{"code":"up"}]' })}`, {}, 400, /order/],
    ['list: negative offset', 'GET', `${PATH}?offset=-1`, {}, 400, /offset/],
    ['list: offset not a number', 'GET', `${PATH}?offset=abc`, {}, 400, /offset/],
    ['list: limit zero', 'GET', `${PATH}?limit=0`, {}, 400, /limit/],
    ['list: limit over the maximum', 'GET', `${PATH}?limit=100000`, {}, 400, /limit/],
    ['list: flat not boolean', 'GET', `${PATH}?flat=maybe`, {}, 400, /flat/],
    ['list: repeated parameter', 'GET', `${PATH}?limit=1&limit=2`, {}, 400, /"limit" must be given once/],
    ['get: unknown id', 'GET', `${PATH}/00000000-0000-4000-8000-000000000000`, {}, 404, /integration point not found/],
    ['get: bad mask', 'GET', `${PATH}/${GIVEN_ID}?mask=nope`, {}, 400, /nope/],
    ['patch: unknown id', 'PATCH', `${PATH}/nope`, { body: { url: '' } }, 404, /integration point not found/],
    ['patch: not an object', 'PATCH', `${PATH}/${GIVEN_ID}`, { body: [] }, 400, /request body must be a JSON object/],
    ['patch: ext', 'PATCH', `${PATH}/${GIVEN_ID}`, { body: { ext: { lwt: 'x' } } }, 400, /unknown field "ext"/],
    ['patch: type empty', 'PATCH', `${PATH}/${GIVEN_ID}`, { body: { type: '' } }, 400, /type must be longer than or equal to 1/],
    ['delete: unknown id', 'DELETE', `${PATH}/nope`, {}, 404, /integration point not found/],
    ['lookup: object body', 'LOOKUP', PATH, { body: { key: 'ABCDE' } }, 400, /request body must be a JSON string/],
    ['lookup: no body', 'LOOKUP', PATH, {}, 400, /request body must be a JSON string/],
    ['lookup: number body', 'LOOKUP', PATH, { raw: '42' }, 400, /request body must be a JSON string/],
    ['lookup: unquoted text', 'LOOKUP', PATH, { raw: 'ABCDE' }, 400, /not valid JSON/],
    ['tokens: unknown token', 'GET', '/rest/v1/service/integration_tokens/nope', {}, 404, /Token not found/],
  ];

  it.each(BAD)('refuses %s', async (_name, method, path, input, status, message) => {
    const res = await call<{ error_code: number; error_message: string }>(base, method, path, { auth: KEY, body: input.body, rawBody: input.raw });
    expect(res.status).toBe(status);
    expect(res.json).toEqual({ error_code: 1000 + status, error_message: expect.stringMatching(message) });
  });

  it('answers a list too large for the message bus with 413 (and keeps serving), while a mask fits', async () => {
    const comment = 'c'.repeat(4000);
    for (let i = 0; i < 260; i += 20) {
      await Promise.all(Array.from({ length: 20 }, (_, j) => call(base, 'POST', PATH, { auth: OTHER, body: { code: `BIG${i + j}`, type: 'public', opts: { comment } } })));
    }
    const tooBig = await call<{ error_code: number; error_message: string }>(base, 'GET', PATH, { auth: OTHER });
    expect(tooBig.status).toBe(413);
    expect(tooBig.json).toEqual({ error_code: 1413, error_message: expect.stringMatching(/ask for fewer items/) });
    const masked = await call<unknown[]>(base, 'GET', `${PATH}?mask=id,code`, { auth: OTHER });
    expect(masked.status).toBe(200);
    expect(masked.json.length).toBeGreaterThanOrEqual(260);
    expect((await call(base, 'GET', '/health/ready')).status).toBe(200);
  }, 60_000);

  it('still serves after all that bad input', async () => {
    expect((await call(base, 'GET', '/health/ready')).status).toBe(200);
  });

  it('DELETE answers 204 with no body', async () => {
    const res = await call(base, 'DELETE', `${PATH}/${telegram.id}`, { auth: KEY });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
  });
});
