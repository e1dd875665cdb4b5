import { CallbackView, ENVELOPE_EVENT_SUBJECTS_V1, APPLICATION_EVENT_SUBJECTS_V1 } from '@hookrelay/contracts';
import { createTestDatabase, HttpReceiver, nestNatsRequest, PlatformHandle, rawHttp, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { connect, NatsConnection } from 'nats';
import { call, pollUntil } from './api-client';

const KEY = 'e2e-limits-admin-key-0001';
const MAILBOX = '5e8c6a0e-3f7b-4c1d-9a2e-7b1f0c9d8e6a';
const UUID = '0c6d3c0e-1111-4c1d-9a2e-7b1f0c9d8e6a';
const IP = '/rest/v1/service/integration_points';

type Flavor = 'docstudio' | 'conpeek' | 'incoplax';
const SHAPE: Record<Flavor, (message: RegExp) => unknown> = {
  docstudio: (message) => ({ code: 400, message: expect.stringMatching(message) }),
  conpeek: (message) => ({ success: false, error: expect.objectContaining({ code: 400, message: expect.stringMatching(message) }) }),
  incoplax: (message) => ({ error_code: 1400, error_message: expect.stringMatching(message) }),
};

/** `{"a":{"a":…1…}}` nested `depth` levels. */
const nested = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const envelope = (extra: Record<string, unknown>): Record<string, unknown> => ({
  uuid: UUID, status: 'completed', subject: 'contract', receiveDate: 1_676_039_226_765, template: UUID, sender: UUID, scope: 'inbox', ...extra,
});
const filterQuery = (filter: unknown): string => `?filter=${encodeURIComponent(JSON.stringify(filter))}`;
const DEEP = nested(33);

describe.each(['sqlite', 'postgres'] as const)('input no API may answer with a 5xx, on %s', (driver) => {
  let platform: PlatformHandle;
  let base: string;
  let receiver: HttpReceiver;
  let nc: NatsConnection;

  beforeAll(async () => {
    const database = driver === 'sqlite' ? { sqlitePath: tempSqlitePath() } : { postgresUrl: await createTestDatabase('e2e_limits') };
    platform = await startPlatform({ natsUrl: testNatsUrl(), database, apiKeys: `limits:${KEY}`, env: { DELIVERY_ALLOW_CIDRS: '127.0.0.0/8' } });
    base = platform.baseUrl;
    receiver = await startReceiver();
    nc = await connect({ servers: testNatsUrl() });
  }, 120_000);

  afterAll(async () => {
    await nc?.close();
    await receiver?.close();
    await platform?.stop();
  });

  const send = (method: string, path: string, rawBody?: string, headers: Record<string, string> = {}) =>
    call(base, method, path, { auth: KEY, rawBody, headers: { 'content-type': 'application/json', mailbox: MAILBOX, ...headers } });

  it.each<[string, string, string, string | undefined, Flavor, RegExp]>([
    // Deep nesting: before, JSON.stringify (relay) or class-transformer (validation) overflowed the stack.
    ['deep application event', 'POST', '/application/1/events', nested(5000), 'conpeek', /nested deeper than 32 levels/],
    ['deep webhook', 'PUT', '/application/1/webhook', DEEP, 'conpeek', /nested deeper than 32 levels/],
    ['deep integration point', 'POST', IP, DEEP, 'incoplax', /nested deeper than 32 levels/],
    ['deep PATCH', 'PATCH', `${IP}/x`, DEEP, 'incoplax', /nested deeper than 32 levels/],
    ['deep envelope events', 'POST', '/api/v1/envelope/events', `[${'['.repeat(3000)}${']'.repeat(3000)}]`, 'docstudio', /nested deeper than 32 levels/],
    ['deep callback add', 'POST', '/api/v1/envelope/callback/add', DEEP, 'docstudio', /nested deeper than 32 levels/],
    // NUL: PostgreSQL refuses it (22021); SQLite answers the same.
    ['%00 in a callback id', 'GET', '/callback/%00', undefined, 'conpeek', /NUL/],
    ['%00 in an integration point id', 'GET', `${IP}/%00`, undefined, 'incoplax', /NUL/],
    ['%00 in a token', 'GET', '/rest/v1/service/integration_tokens/%00', undefined, 'incoplax', /NUL/],
    ['%00 in a query value', 'GET', `/api/v1/envelope/callback/${UUID}/check?envelopeUuid=%00`, undefined, 'docstudio', /NUL/],
    ['NUL in a body value', 'POST', IP, '{"code":"a\\u0000","type":"x"}', 'incoplax', /NUL/],
    ['NUL in a body key', 'POST', '/application/1/events', '{"event_name":"a","event_type":"b","data":{"k\\u0000":1}}', 'conpeek', /NUL/],
    ['NUL in an envelope subject', 'POST', '/api/v1/envelope/events', JSON.stringify(envelope({ subject: 'a\u0000' })), 'docstudio', /NUL/],
    ['NUL in a callback log filter', 'GET', `/callback${filterQuery([{ property: 'event', value: '\u0000' }])}`, undefined, 'conpeek', /NUL/],
    ['NUL in an integration point filter', 'GET', `${IP}${filterQuery({ code: '\u0000' })}`, undefined, 'incoplax', /NUL/],
    // Dates and numbers no column can hold.
    ['receiveDate 2^53-1', 'POST', '/api/v1/envelope/events', JSON.stringify(envelope({ receiveDate: Number.MAX_SAFE_INTEGER })), 'docstudio', /receiveDate/],
    ['expireDate past 8.64e15', 'POST', '/api/v1/envelope/events', JSON.stringify(envelope({ expireDate: 8.64e15 + 1 })), 'docstudio', /expireDate/],
    ['a week date in a callback filter', 'POST', '/api/v1/envelope/callback/add', JSON.stringify({ filter: { receiveDateFrom: '2020-W01' }, url: 'https://example.com/hook', retries: 1, timeout: 5000 }), 'docstudio', /receiveDateFrom/],
    ['an impossible callback filter date', 'POST', '/api/v1/envelope/callback/add', JSON.stringify({ filter: { receiveDateTo: '2020-02-30' }, url: 'https://example.com/hook', retries: 1, timeout: 5000 }), 'docstudio', /receiveDateTo/],
    ['attempts 1e300', 'GET', `/callback${filterQuery([{ property: 'attempts', operator: 'gt', value: 1e300 }])}`, undefined, 'conpeek', /whole number/],
    ['attempts 1.5', 'GET', `/callback${filterQuery([{ property: 'attempts', value: 1.5 }])}`, undefined, 'conpeek', /whole number/],
    ['recv_timeout 1e300', 'GET', `${IP}${filterQuery({ 'opts.recv_timeout': 1e300 })}`, undefined, 'incoplax', /whole number/],
    ['a five-digit year in a callback filter', 'GET', `/callback${filterQuery([{ property: 'created_date', operator: 'gt', value: '99999-01-01 00:00:00' }])}`, undefined, 'conpeek', /not a valid date/],
  ])('%s → 400 in the API shape', async (_name, method, path, body, flavor, message) => {
    const res = await send(method, path, body);
    expect({ status: res.status, body: res.json }).toEqual({ status: 400, body: SHAPE[flavor](message) });
  });

  it('refuses NUL in a LOOKUP body and a LOOKUP path (the LOOKUP front)', async () => {
    const lookup = (path: string, body: string): string =>
      [`LOOKUP ${path} HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: ${KEY}`, `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n');
    // One connection each: a refused request closes its connection (its body may not have been read).
    const responses = await Promise.all([lookup(IP, '"\\u0000"'), lookup(`${IP}%00`, '"ABCDE"'), lookup(IP, nested(40))]
      .map(async (request) => (await rawHttp(platform.port, [request], { expected: 1 }))[0]!));
    expect(responses.map((r) => [r.status, JSON.parse(r.body)])).toEqual([
      [400, SHAPE.incoplax(/NUL/)], [400, SHAPE.incoplax(/NUL/)], [400, SHAPE.incoplax(/nested deeper than 32 levels/)],
    ]);
  });

  it('accepts a body nested exactly 32 levels deep', async () => {
    const data = JSON.parse(nested(31)) as unknown;
    const res = await call(base, 'POST', '/application/77/events', { auth: KEY, body: { event_name: 'deep.ok', event_type: 't', data } });
    // No webhook for application 77: the contract passed and the service answered for the missing webhook.
    expect({ status: res.status, body: res.json }).toEqual({ status: 404, body: { success: false, error: { code: 404, message: 'application 77 has no webhook' } } });
  });

  it('a service answers a too-deep or NUL-holding NATS payload with BAD_REQUEST and keeps serving', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 3000; i++) deep = [deep];
    const refused = async (subject: string, data: unknown): Promise<unknown> =>
      nestNatsRequest(nc, subject, data).then(() => 'accepted', (error: { body?: unknown }) => error.body);
    expect(await refused(APPLICATION_EVENT_SUBJECTS_V1.publish, { tenantId: 'x', applicationId: 1, body: { event_name: 'a', event_type: 'b', data: deep } }))
      .toEqual({ code: 'BAD_REQUEST', message: 'request is nested deeper than 34 levels' });
    expect(await refused(ENVELOPE_EVENT_SUBJECTS_V1.publish, { tenantId: 'x', mailbox: MAILBOX, body: [envelope({ subject: 'a\u0000' })] }))
      .toEqual({ code: 'BAD_REQUEST', message: 'request contains a NUL character (\\u0000)' });
    expect((await call(base, 'GET', '/health/ready')).status).toBe(200);
  });

  it('filters created_date by the whole second it names, on a real delivery', async () => {
    await call(base, 'PUT', '/application/5/webhook', { auth: KEY, body: { url: receiver.url('/limits'), retry_enabled: 0 } });
    const sent = await call<{ data: { id: string } }>(base, 'POST', '/application/5/events', { auth: KEY, body: { event_name: 'second.test', event_type: 't', data: {} } });
    expect(sent.status).toBe(202);
    const id = sent.json.data.id;
    const shown = await pollUntil('the callback in the log', () => call<{ data: CallbackView }>(base, 'GET', `/callback/${id}`, { auth: KEY }), (r) => r.status === 200);
    const second = shown.json.data.created_date;
    expect(second).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const found = async (operator?: string): Promise<boolean> => {
      const filter = [{ property: 'event', value: 'second.test' }, { property: 'created_date', ...(operator ? { operator } : {}), value: second }];
      const res = await call<{ data: CallbackView[] }>(base, 'GET', `/callback${filterQuery(filter)}`, { auth: KEY });
      expect(res.status).toBe(200);
      return res.json.data.some((c) => c.id === id);
    };
    // Whatever millisecond within that second the record was created at, it is that second.
    expect({ lte: await found('lte'), gte: await found('gte'), eq: await found(), gt: await found('gt'), lt: await found('lt') })
      .toEqual({ lte: true, gte: true, eq: true, gt: false, lt: false });
  });
});
