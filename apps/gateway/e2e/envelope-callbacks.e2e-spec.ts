import { CallbackView } from '@hookrelay/contracts';
import { createTestDatabase, HttpReceiver, PlatformHandle, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { ApiResponse, call, pollUntil } from './api-client';

const KEY_A = 'e2e-envelope-alpha-admin-01';
const KEY_A_READ = 'e2e-envelope-alpha-read-001';
const KEY_B = 'e2e-envelope-beta-admin-001';
const TEMPLATE = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const SENDER = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const OTHER_UUID = '00000000-0000-4000-8000-000000000000';
/** 2023-02-16T12:34:26.606Z, the seed's date. */
const RECEIVED = Date.parse('2023-02-16T12:34:26.606Z');
const EXPIRES = Date.parse('2023-03-16T12:34:26.606Z');

/** The seed request body, verbatim except for `url` (the seed's "string" is not a URL: a 400, tested below). */
const SEED_FILTER = {
  label: ['string'], status: ['COMPLETED'], subject: 'string', receiveDateFrom: '2023-02-16T12:34:26.606Z',
  receiveDateTo: '2023-02-16T12:34:26.606Z', expireDateFrom: '2023-02-16T12:34:26.606Z', expireDateTo: '2023-02-16T12:34:26.606Z',
  template: ['3fa85f64-5717-4562-b3fc-2c963f66afa6'], sender: ['3fa85f64-5717-4562-b3fc-2c963f66afa6'], scope: ['inbox'],
};
const SEED_BODY = { filter: SEED_FILTER, url: 'string', retries: 10, timeout: 60000, successCode: 200, login: 'string', password: 'string' };

interface EnvelopeEvent {
  uuid: string;
  mailbox?: string;
  label: string[];
  status: string;
  subject: string;
  receiveDate: number | string;
  expireDate: number | string | null;
  template: string;
  sender: string;
  scope: string;
}

type Created = { id: string; signingSecret: string; authType: string } & Record<string, unknown>;

function envelope(overrides: Partial<EnvelopeEvent> = {}): EnvelopeEvent {
  return {
    uuid: randomUUID(), label: ['urgent', 'hr'], status: 'COMPLETED', subject: 'Договір оренди №12', receiveDate: RECEIVED, expireDate: EXPIRES,
    template: TEMPLATE, sender: SENDER, scope: 'inbox', ...overrides,
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();

describe.each(['sqlite', 'postgres'] as const)('DocStudio envelope callbacks end to end on %s', (driver) => {
  let platform: PlatformHandle;
  let receiver: HttpReceiver;
  let base: string;

  /** A DocStudio request: Bearer key and mailbox header. */
  const ds = <T = unknown>(method: string, path: string, mailbox: string, options: { key?: string; body?: unknown; rawBody?: string } = {}): Promise<ApiResponse<T>> =>
    call<T>(base, method, `/api/v1/envelope${path}`, {
      auth: `Bearer ${options.key ?? KEY_A}`, headers: { mailbox, ...(options.rawBody !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: options.body, rawBody: options.rawBody,
    });
  const add = async (mailbox: string, body: Record<string, unknown>, key = KEY_A): Promise<Created> => {
    const res = await ds<Created>('POST', '/callback/add', mailbox, { key, body });
    if (res.status !== 201) throw new Error(`add failed: ${res.status} ${res.text}`);
    return res.json;
  };
  const publish = (mailbox: string, events: EnvelopeEvent | EnvelopeEvent[], key = KEY_A): Promise<ApiResponse<{ accepted: number; deliveries: number }>> =>
    ds('POST', '/events', mailbox, { key, body: events });
  /** The delivery log (GET /callback) entries of one envelope callback, oldest first. */
  const deliveriesOf = async (callbackId: string, key = KEY_A): Promise<CallbackView[]> => {
    const filter = encodeURIComponent(JSON.stringify([{ property: 'source', value: 'envelope_callback' }]));
    const res = await call<{ data: CallbackView[] }>(base, 'GET', `/callback?filter=${filter}&sort=created_date&dir=asc`, { auth: key });
    return res.json.data.filter((c) => c.subscription_id === callbackId);
  };
  const logged = (id: string): Promise<CallbackView> => call<{ data: CallbackView }>(base, 'GET', `/callback/${id}`, { auth: KEY_A }).then((r) => r.json.data);

  beforeAll(async () => {
    const database = driver === 'sqlite' ? { sqlitePath: tempSqlitePath() } : { postgresUrl: await createTestDatabase('e2e_envelope_callbacks') };
    platform = await startPlatform({
      natsUrl: testNatsUrl(), database, apiKeys: `alpha:${KEY_A},alpha:${KEY_A_READ}:read,beta:${KEY_B}`,
      env: { DELIVERY_ALLOW_CIDRS: '127.0.0.0/8', CALLBACK_RETRY_SCHEDULE: 'list:200ms' },
    });
    base = platform.baseUrl;
    receiver = await startReceiver();
  }, 120_000);

  afterAll(async () => {
    await receiver?.close();
    await platform?.stop();
  });

  beforeEach(() => {
    receiver.clear();
    receiver.respondWith({ status: 200 });
  });

  it('answers the seed request (with a real url) in the seed response shape, plus the signing secret', async () => {
    const mailbox = randomUUID();
    const res = await ds<Created>('POST', '/callback/add', mailbox, { body: { ...SEED_BODY, url: receiver.url('/seed') } });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/), filter: SEED_FILTER, url: receiver.url('/seed'), retries: 10, timeout: 60000, successCode: 200,
      authType: 'BASIC', signingSecret: expect.stringMatching(/^whsec_/),
    });
    const listed = await ds<Array<Record<string, unknown>>>('GET', '/callback/list', mailbox);
    const { signingSecret: _secret, ...view } = res.json;
    expect(listed.json).toEqual([view]);
    expect((await ds<{ signingSecret: string }>('GET', `/callback/${res.json.id}/secret`, mailbox)).json).toEqual({ signingSecret: res.json.signingSecret });

    const seedAsIs = await ds('POST', '/callback/add', mailbox, { body: SEED_BODY });
    expect(seedAsIs.status).toBe(400);
    expect(seedAsIs.json).toEqual({ code: 400, message: 'url must be a valid http(s) URL' });
  });

  it('delivers the exact DocStudio payload, with Basic auth and a Standard Webhooks signature, and logs it', async () => {
    const mailbox = randomUUID();
    const callback = await add(mailbox, { filter: { status: ['completed'] }, url: receiver.url('/hook'), retries: 0, timeout: 5000, login: 'docs', password: 'p@ss:wörd' });
    const event = envelope({ receiveDate: iso(RECEIVED), expireDate: '2023-03-16T14:34:26.606+02:00', uuid: randomUUID().toUpperCase() });
    const accepted = await publish(mailbox, event);
    expect(accepted.status).toBe(202);
    expect(accepted.json).toEqual({ accepted: 1, deliveries: 1 });

    const [request] = await receiver.waitForRequests(1);
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/hook');
    expect(request!.body).toBe(JSON.stringify({
      mailbox, uuid: event.uuid.toLowerCase(), label: ['urgent', 'hr'], status: 'COMPLETED', subject: 'Договір оренди №12',
      receiveDate: RECEIVED, expireDate: EXPIRES, template: TEMPLATE, sender: SENDER,
    }));
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from('docs:p@ss:wörd').toString('base64')}`);
    expect(new Webhook(callback.signingSecret).verify(request!.body, request!.headers as Record<string, string>)).toEqual(JSON.parse(request!.body));

    const [delivery] = await pollUntil('the delivery to close', () => deliveriesOf(callback.id), (list) => list[0]?.state === 'CLOSED');
    expect(delivery).toMatchObject({
      source: 'envelope_callback', subscription_id: callback.id, url: receiver.url('/hook'), event: 'envelope.completed', state: 'CLOSED',
      close_reason: 'DELIVERED', attempts: 1,
    });
    expect(request!.headers['webhook-id']).toBe(delivery!.id);
    expect((await logged(delivery!.id)).payload).toEqual(JSON.parse(request!.body));
  });

  it('sends no Authorization without login/password, and one delivery per matching callback', async () => {
    const mailbox = randomUUID();
    const open = await add(mailbox, { filter: {}, url: receiver.url('/open'), retries: 0, timeout: 5000 });
    expect(open.authType).toBe('NONE');
    await add(mailbox, { filter: { scope: ['inbox'] }, url: receiver.url('/inbox'), retries: 0, timeout: 5000 });
    await add(mailbox, { filter: { scope: ['outbox'] }, url: receiver.url('/outbox'), retries: 0, timeout: 5000 });
    const accepted = await publish(mailbox, [envelope(), envelope({ scope: 'OUTBOX' })]);
    expect(accepted.json).toEqual({ accepted: 2, deliveries: 4 });
    const requests = await receiver.waitForRequests(4);
    expect(requests.map((r) => r.url).sort()).toEqual(['/inbox', '/open', '/open', '/outbox']);
    for (const r of requests) expect(r.headers.authorization).toBeUndefined();
  });

  it('retries when the status is not successCode: retries+1 attempts, then EXHAUSTED in GET /callback', async () => {
    const mailbox = randomUUID();
    const callback = await add(mailbox, { filter: {}, url: receiver.url('/created'), retries: 2, timeout: 2000, successCode: 201, login: 'a', password: 'b' });
    await publish(mailbox, envelope());
    const requests = await receiver.waitForRequests(3, 10_000);
    expect(requests[1]!.receivedAt - requests[0]!.receivedAt).toBeGreaterThanOrEqual(180);
    for (const r of requests) expect(r.headers.authorization).toBe(`Basic ${Buffer.from('a:b').toString('base64')}`);
    expect(new Set(requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
    const [delivery] = await pollUntil('exhaustion', () => deliveriesOf(callback.id), (list) => list[0]?.state === 'CLOSED');
    expect(delivery).toMatchObject({ close_reason: 'EXHAUSTED', attempts: 3 });
    expect((await logged(delivery!.id)).call_history!.map((a) => a.status_code)).toEqual([200, 200, 200]);
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.requests).toHaveLength(3);
  });

  it('delivers on the first attempt when the receiver answers successCode', async () => {
    const mailbox = randomUUID();
    receiver.respondWith({ status: 201 });
    const callback = await add(mailbox, { filter: {}, url: receiver.url('/created'), retries: 5, timeout: 2000, successCode: 201 });
    await publish(mailbox, envelope());
    const [delivery] = await pollUntil('delivery', () => deliveriesOf(callback.id), (list) => list[0]?.state === 'CLOSED');
    expect(delivery).toMatchObject({ close_reason: 'DELIVERED', attempts: 1 });
  });

  it('fails an attempt that outlives timeout (300 ms) against a hanging receiver', async () => {
    const mailbox = randomUUID();
    const hanging = await startReceiver({ respond: { hang: true } });
    try {
      const callback = await add(mailbox, { filter: {}, url: hanging.url('/hang'), retries: 1, timeout: 300 });
      await publish(mailbox, envelope());
      const [delivery] = await pollUntil('exhaustion', () => deliveriesOf(callback.id), (list) => list[0]?.state === 'CLOSED');
      expect(delivery).toMatchObject({ close_reason: 'EXHAUSTED', attempts: 2 });
      const history = (await logged(delivery!.id)).call_history!;
      expect(history).toHaveLength(2);
      for (const attempt of history) {
        expect(attempt.status_code).toBeNull();
        expect(attempt.error).toMatch(/within 300 ms/);
        expect(attempt.duration_ms).toBeGreaterThanOrEqual(290);
        expect(attempt.duration_ms).toBeLessThan(2000);
      }
      expect(hanging.requests).toHaveLength(2);
    } finally {
      await hanging.close();
    }
  });

  describe('filter rules (each with a matching and a non-matching envelope)', () => {
    it.each<[string, Record<string, unknown>, Partial<EnvelopeEvent>, Partial<EnvelopeEvent>, string]>([
      ['empty filter', {}, {}, { status: 'WAITING', scope: 'outbox', label: [] }, ''],
      ['label any-of', { label: ['finance', 'hr'] }, {}, { label: ['urgent'] }, 'labels'],
      ['status any-of, case-insensitive', { status: ['waiting', 'Completed'] }, { status: 'completed' }, { status: 'EXPIRED' }, 'status'],
      ['subject contains, case-insensitive', { subject: 'ДОГОВІР' }, {}, { subject: 'Рахунок №5' }, 'subject'],
      ['receiveDateFrom inclusive', { receiveDateFrom: iso(RECEIVED) }, {}, { receiveDate: RECEIVED - 1 }, 'receiveDate'],
      ['receiveDateTo inclusive', { receiveDateTo: iso(RECEIVED) }, { receiveDate: iso(RECEIVED) }, { receiveDate: RECEIVED + 1 }, 'receiveDate'],
      ['expireDateFrom inclusive', { expireDateFrom: iso(EXPIRES) }, {}, { expireDate: EXPIRES - 1 }, 'expireDate'],
      ['expireDateTo inclusive', { expireDateTo: iso(EXPIRES) }, {}, { expireDate: null }, 'expireDate'],
      ['template any-of', { template: [OTHER_UUID, TEMPLATE.toUpperCase()] }, {}, { template: randomUUID() }, 'template'],
      ['sender any-of', { sender: [SENDER] }, { sender: SENDER.toUpperCase() }, { sender: OTHER_UUID }, 'sender'],
      ['scope any-of, case-insensitive', { scope: ['OUTBOX'] }, { scope: 'outbox' }, { scope: 'inbox' }, 'scope'],
      ['all parts AND-ed', { status: ['COMPLETED'], scope: ['inbox'], subject: 'оренди' }, {}, { scope: 'outbox' }, 'scope'],
    ])('%s', async (_rule, filter, matching, other, failedPart) => {
      const mailbox = randomUUID();
      const callback = await add(mailbox, { filter, url: receiver.url('/rule'), retries: 0, timeout: 5000 });
      const [yes, no] = [envelope(matching), envelope(other)];
      const accepted = await publish(mailbox, [yes, no]);
      expect(accepted.json).toEqual({ accepted: 2, deliveries: failedPart === '' ? 2 : 1 });
      const received = await receiver.waitForRequests(failedPart === '' ? 2 : 1);
      expect(received.map((r) => JSON.parse(r.body).uuid).sort()).toEqual((failedPart === '' ? [yes.uuid, no.uuid] : [yes.uuid]).sort());

      const check = (uuid: string): Promise<ApiResponse<{ passed: boolean; failed: Record<string, unknown> }>> =>
        ds('GET', `/callback/${callback.id}/check?envelopeUuid=${uuid}`, mailbox);
      expect((await check(yes.uuid)).json).toEqual({ passed: true, failed: {} });
      if (failedPart !== '') {
        const rejected = await check(no.uuid);
        expect(rejected.status).toBe(200);
        expect(rejected.json.passed).toBe(false);
        expect(Object.keys(rejected.json.failed)).toEqual([failedPart]);
      }
    });
  });

  it('check reports every failing part with the envelope’s values; 404 for an unknown callback or envelope', async () => {
    const mailbox = randomUUID();
    const callback = await add(mailbox, { filter: { status: ['WAITING'], label: ['finance'], template: [OTHER_UUID] }, url: receiver.url('/check'), retries: 0, timeout: 5000 });
    const stored = envelope();
    expect((await publish(mailbox, stored)).json).toEqual({ accepted: 1, deliveries: 0 });
    const res = await ds('GET', `/callback/${callback.id}/check?envelopeUuid=${stored.uuid}`, mailbox);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ passed: false, failed: { status: 'COMPLETED', template: TEMPLATE, labels: ['urgent', 'hr'] } });
    // DocStudio's generated client sends the mailbox as a query parameter: accepted when the header is absent.
    const viaQuery = await call(base, 'GET', `/api/v1/envelope/callback/${callback.id}/check?envelopeUuid=${stored.uuid}&mailboxUuid=${mailbox}`, { auth: `Bearer ${KEY_A}` });
    expect(viaQuery.json).toEqual(res.json);
    const unknownEnvelope = await ds('GET', `/callback/${callback.id}/check?envelopeUuid=${randomUUID()}`, mailbox);
    expect([unknownEnvelope.status, unknownEnvelope.json]).toEqual([404, { code: 404, message: 'envelope not found' }]);
    const unknownCallback = await ds('GET', `/callback/${randomUUID()}/check?envelopeUuid=${stored.uuid}`, mailbox);
    expect([unknownCallback.status, unknownCallback.json]).toEqual([404, { code: 404, message: 'callback not found' }]);
    // An event updates the stored envelope: now it passes the status part.
    expect((await publish(mailbox, { ...stored, status: 'waiting', label: ['finance'], template: OTHER_UUID })).json).toEqual({ accepted: 1, deliveries: 1 });
    expect((await ds('GET', `/callback/${callback.id}/check?envelopeUuid=${stored.uuid}`, mailbox)).json).toEqual({ passed: true, failed: {} });
    await receiver.waitForRequests(1);
  });

  it('send fires the callback now for a stored envelope and answers {code, body}', async () => {
    const mailbox = randomUUID();
    const callback = await add(mailbox, { filter: { status: ['EXPIRED'] }, url: receiver.url('/send'), retries: 3, timeout: 5000, successCode: 204, login: 'u', password: 'p' });
    const stored = envelope();
    expect((await publish(mailbox, stored)).json).toEqual({ accepted: 1, deliveries: 0 });
    receiver.respondWith({ status: 202, body: 'got it' });
    const sent = await ds('GET', `/callback/${callback.id}/send?envelopeUuid=${stored.uuid}`, mailbox);
    expect(sent.status).toBe(200);
    expect(sent.json).toEqual({ code: 202, body: 'got it' });
    const [request] = await receiver.waitForRequests(1);
    expect(JSON.parse(request!.body)).toEqual({
      mailbox, uuid: stored.uuid, label: stored.label, status: 'COMPLETED', subject: stored.subject, receiveDate: RECEIVED, expireDate: EXPIRES, template: TEMPLATE, sender: SENDER,
    });
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(() => new Webhook(callback.signingSecret).verify(request!.body, request!.headers as Record<string, string>)).not.toThrow();
    // One attempt, outside the queue: nothing retried, nothing in the delivery log.
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.requests).toHaveLength(1);
    expect(await deliveriesOf(callback.id)).toEqual([]);

    const readOnly = await call(base, 'GET', `/api/v1/envelope/callback/${callback.id}/send?envelopeUuid=${stored.uuid}`, { auth: `Bearer ${KEY_A_READ}`, headers: { mailbox } });
    expect([readOnly.status, readOnly.json]).toEqual([403, { code: 403, message: 'this API key may only read' }]);
    expect((await ds('GET', `/callback/${callback.id}/send?envelopeUuid=${randomUUID()}`, mailbox)).status).toBe(404);
  });

  it('send reports code 0 when the receiver does not answer within timeout', async () => {
    const mailbox = randomUUID();
    const hanging = await startReceiver({ respond: { hang: true } });
    try {
      const callback = await add(mailbox, { filter: {}, url: hanging.url('/hang'), retries: 0, timeout: 300 });
      const stored = envelope();
      await publish(mailbox, stored);
      const started = Date.now();
      const sent = await ds<{ code: number; body: string }>('GET', `/callback/${callback.id}/send?envelopeUuid=${stored.uuid}`, mailbox);
      expect(sent.status).toBe(200);
      expect(sent.json.code).toBe(0);
      expect(sent.json.body).toMatch(/within 300 ms/);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await hanging.close();
    }
  });

  it('serves a sample payload', async () => {
    const res = await ds<Record<string, unknown>>('GET', '/callback/callbackRequestPayload', randomUUID());
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['mailbox', 'uuid', 'label', 'status', 'subject', 'receiveDate', 'expireDate', 'template', 'sender']);
    expect(res.json.receiveDate).toEqual(expect.any(Number));
  });

  it('rotates the signing secret: deliveries are signed with both secrets', async () => {
    const mailbox = randomUUID();
    const callback = await add(mailbox, { filter: {}, url: receiver.url('/rotated'), retries: 0, timeout: 5000 });
    const rotated = await ds<{ signingSecret: string }>('POST', `/callback/${callback.id}/secret/rotate`, mailbox);
    expect(rotated.status).toBe(200);
    expect(rotated.json.signingSecret).toMatch(/^whsec_/);
    expect(rotated.json.signingSecret).not.toBe(callback.signingSecret);
    expect((await ds('GET', `/callback/${callback.id}/secret`, mailbox)).json).toEqual(rotated.json);
    await publish(mailbox, envelope());
    const [request] = await receiver.waitForRequests(1);
    expect(String(request!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [callback.signingSecret, rotated.json.signingSecret]) {
      expect(() => new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>)).not.toThrow();
    }
  });

  it('removing a callback cancels its pending deliveries and stops matching it', async () => {
    const mailbox = randomUUID();
    // 429 + Retry-After keeps the delivery waiting (not mid-attempt) when the callback is removed.
    receiver.respondWith({ status: 429, headers: { 'retry-after': '60' } });
    const callback = await add(mailbox, { filter: {}, url: receiver.url('/busy'), retries: 5, timeout: 5000 });
    await publish(mailbox, envelope());
    await pollUntil('the first attempt', () => deliveriesOf(callback.id), (list) => list[0]?.attempts === 1);
    const removed = await ds('DELETE', `/callback/${callback.id}/remove`, mailbox);
    expect([removed.status, removed.text]).toEqual([200, '']);
    const [cancelled] = await deliveriesOf(callback.id);
    expect(cancelled).toMatchObject({ state: 'CLOSED', close_reason: 'CANCELLED', attempts: 1 });
    expect((await publish(mailbox, envelope())).json).toEqual({ accepted: 1, deliveries: 0 });
    expect((await ds('GET', `/callback/${callback.id}/secret`, mailbox)).status).toBe(404);
  });

  it('keeps mailboxes and tenants apart', async () => {
    const [mailbox, otherMailbox] = [randomUUID(), randomUUID()];
    const callback = await add(mailbox, { filter: {}, url: receiver.url('/alpha'), retries: 0, timeout: 5000 });
    const stored = envelope();
    expect((await publish(mailbox, stored)).json).toEqual({ accepted: 1, deliveries: 1 });
    await receiver.waitForRequests(1);

    // Another mailbox of the same tenant: no callback of the first fires, and its ids are 404.
    expect((await publish(otherMailbox, envelope())).json).toEqual({ accepted: 1, deliveries: 0 });
    expect((await ds('GET', '/callback/list', otherMailbox)).json).toEqual([]);
    expect((await ds('GET', `/callback/${callback.id}/check?envelopeUuid=${stored.uuid}`, otherMailbox)).status).toBe(404);
    expect((await ds('GET', `/callback/${callback.id}/secret`, otherMailbox)).status).toBe(404);
    expect((await ds('DELETE', `/callback/${callback.id}/remove`, otherMailbox)).status).toBe(404);
    const ownCallbackElsewhere = await add(otherMailbox, { filter: {}, url: receiver.url('/other'), retries: 0, timeout: 5000 });
    expect((await ds('GET', `/callback/${ownCallbackElsewhere.id}/check?envelopeUuid=${stored.uuid}`, otherMailbox)).json).toEqual({ code: 404, message: 'envelope not found' });

    // Another tenant, same mailbox UUID: nothing of tenant A is visible or triggered.
    expect((await publish(mailbox, envelope(), KEY_B)).json).toEqual({ accepted: 1, deliveries: 0 });
    expect((await ds('GET', '/callback/list', mailbox, { key: KEY_B })).json).toEqual([]);
    expect((await ds('GET', `/callback/${callback.id}/check?envelopeUuid=${stored.uuid}`, mailbox, { key: KEY_B })).status).toBe(404);
    expect((await ds('GET', `/callback/${callback.id}/send?envelopeUuid=${stored.uuid}`, mailbox, { key: KEY_B })).status).toBe(404);
    expect((await ds('POST', `/callback/${callback.id}/secret/rotate`, mailbox, { key: KEY_B })).status).toBe(404);
    expect((await ds('DELETE', `/callback/${callback.id}/remove`, mailbox, { key: KEY_B })).status).toBe(404);
    expect(await deliveriesOf(callback.id, KEY_B)).toEqual([]);
    const bCallback = await add(mailbox, { filter: {}, url: receiver.url('/beta'), retries: 0, timeout: 5000 }, KEY_B);
    expect((await ds('GET', `/callback/${bCallback.id}/check?envelopeUuid=${stored.uuid}`, mailbox, { key: KEY_B })).json).toEqual({ code: 404, message: 'envelope not found' });
    expect((await ds('GET', '/callback/list', mailbox)).json).toEqual([expect.objectContaining({ id: callback.id })]);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.requests.map((r) => r.url)).toEqual(['/alpha']);
  });

  it('accepts up to 1000 events in one request', async () => {
    const mailbox = randomUUID();
    await add(mailbox, { filter: { status: ['WAITING'] }, url: receiver.url('/bulk'), retries: 0, timeout: 5000 });
    const events = Array.from({ length: 1000 }, (_, i) => envelope({ status: i % 10 === 0 ? 'WAITING' : 'COMPLETED' }));
    const res = await publish(mailbox, events);
    expect([res.status, res.json]).toEqual([202, { accepted: 1000, deliveries: 100 }]);
    await receiver.waitForRequests(100, 15_000);
  }, 30_000);

  describe('malformed requests answer 4xx in the DocStudio {code, message} shape', () => {
    const M = '5e8c6a0e-3f7b-4c1d-9a2e-7b1f0c9d8e6a';
    const valid = (overrides: Record<string, unknown>): Record<string, unknown> => ({ ...envelope(), ...overrides });
    const without = (key: string): Record<string, unknown> => {
      const { [key]: _dropped, ...rest } = envelope() as unknown as Record<string, unknown>;
      return rest;
    };
    const callbackBody = { filter: {}, url: 'https://example.com/hook', retries: 0, timeout: 1000 };
    const unknownId = '11111111-1111-4111-8111-111111111111';

    it.each<[string, string, string, { mailbox?: string | null; key?: string | null; body?: unknown; rawBody?: string }, number, RegExp?]>([
      ['events: no mailbox header', 'POST', '/events', { mailbox: null, body: envelope() }, 400, /mailbox header must be a UUID/],
      ['events: mailbox not a UUID', 'POST', '/events', { mailbox: 'inbox-1', body: envelope() }, 400, /mailbox header must be a UUID/],
      ['events: body not JSON', 'POST', '/events', { rawBody: '{"uuid":' }, 400, /not valid JSON/],
      ['events: no body', 'POST', '/events', {}, 400, /request body must be an envelope event/],
      ['events: empty array', 'POST', '/events', { body: [] }, 400, /non-empty array/],
      ['events: a string body', 'POST', '/events', { body: 'event' }, 400, /request body must be an envelope event/],
      ['events: more than 1000', 'POST', '/events', { body: Array.from({ length: 1001 }, () => envelope()) }, 400, /at most 1000/],
      ['events: no uuid', 'POST', '/events', { body: without('uuid') }, 400, /uuid is required/],
      ['events: uuid not a UUID', 'POST', '/events', { body: valid({ uuid: 'env-1' }) }, 400, /uuid is required and must be a UUID/],
      ['events: unknown status', 'POST', '/events', { body: valid({ status: 'DONE' }) }, 400, /status is required and must be one of/],
      ['events: DRAFT fires no callback', 'POST', '/events', { body: valid({ status: 'DRAFT' }) }, 400, /status/],
      ['events: no status', 'POST', '/events', { body: without('status') }, 400, /status is required/],
      ['events: unknown scope', 'POST', '/events', { body: valid({ scope: 'drafts' }) }, 400, /scope is required and must be one of: inbox, outbox/],
      ['events: no scope', 'POST', '/events', { body: without('scope') }, 400, /scope/],
      ['events: subject not a string', 'POST', '/events', { body: valid({ subject: 42 }) }, 400, /subject is required and must be a string/],
      ['events: no receiveDate', 'POST', '/events', { body: without('receiveDate') }, 400, /receiveDate must be UNIX milliseconds or an ISO 8601 date-time/],
      ['events: receiveDate in words', 'POST', '/events', { body: valid({ receiveDate: 'yesterday' }) }, 400, /receiveDate must be/],
      ['events: receiveDate negative', 'POST', '/events', { body: valid({ receiveDate: -1 }) }, 400, /receiveDate must be/],
      ['events: receiveDate fractional', 'POST', '/events', { body: valid({ receiveDate: 1.5 }) }, 400, /receiveDate must be/],
      ['events: receiveDate 30 February', 'POST', '/events', { body: valid({ receiveDate: '2023-02-30T00:00:00Z' }) }, 400, /0\.receiveDate is not a valid date/],
      ['events: expireDate not a date', 'POST', '/events', { body: valid({ expireDate: true }) }, 400, /expireDate must be/],
      ['events: template not a UUID', 'POST', '/events', { body: valid({ template: 'tpl' }) }, 400, /template is required and must be a UUID/],
      ['events: no sender', 'POST', '/events', { body: without('sender') }, 400, /sender is required/],
      ['events: label not an array', 'POST', '/events', { body: valid({ label: 'hr' }) }, 400, /label must be an array/],
      ['events: label of numbers', 'POST', '/events', { body: valid({ label: [1] }) }, 400, /label values must be strings/],
      ['events: unknown field', 'POST', '/events', { body: valid({ colour: 'red' }) }, 400, /unknown field "0.colour"/],
      ['events: another mailbox in the event', 'POST', '/events', { body: valid({ mailbox: OTHER_UUID }) }, 400, /mailbox must be the mailbox of the request/],
      ['events: second event bad', 'POST', '/events', { body: [envelope(), valid({ sender: 'x' })] }, 400, /1\.sender/],
      ['events: no API key', 'POST', '/events', { key: null, body: envelope() }, 401, /API key/],
      ['events: read-only key', 'POST', '/events', { key: KEY_A_READ, body: envelope() }, 403, /may only read/],
      ['add: the seed body as is (url "string")', 'POST', '/callback/add', { body: SEED_BODY }, 400, /url must be a valid http\(s\) URL/],
      ['add: retries 11', 'POST', '/callback/add', { body: { ...callbackBody, retries: 11 } }, 400, /retries must be from 0 to 10/],
      ['add: timeout 99', 'POST', '/callback/add', { body: { ...callbackBody, timeout: 99 } }, 400, /timeout must be from 100 to 60000/],
      ['add: successCode 99', 'POST', '/callback/add', { body: { ...callbackBody, successCode: 99 } }, 400, /successCode/],
      ['add: unknown status in the filter', 'POST', '/callback/add', { body: { ...callbackBody, filter: { status: ['DONE'] } } }, 400, /status values must be among/],
      ['add: no filter', 'POST', '/callback/add', { body: { url: 'https://example.com', retries: 0, timeout: 1000 } }, 400, /filter is required/],
      ['check: no envelopeUuid', 'GET', `/callback/${unknownId}/check`, {}, 400, /envelopeUuid query parameter is required/],
      ['check: envelopeUuid not a UUID', 'GET', `/callback/${unknownId}/check?envelopeUuid=abc`, {}, 400, /envelopeUuid/],
      ['check: envelopeUuid twice', 'GET', `/callback/${unknownId}/check?envelopeUuid=${OTHER_UUID}&envelopeUuid=${OTHER_UUID}`, {}, 400, /given once/],
      ['check: unknown callback', 'GET', `/callback/${unknownId}/check?envelopeUuid=${OTHER_UUID}`, {}, 404, /callback not found/],
      ['send: unknown callback', 'GET', `/callback/${unknownId}/send?envelopeUuid=${OTHER_UUID}`, {}, 404, /callback not found/],
      ['send: no envelopeUuid', 'GET', `/callback/${unknownId}/send`, {}, 400, /envelopeUuid/],
      ['secret: unknown callback', 'GET', `/callback/${unknownId}/secret`, {}, 404, /callback not found/],
      ['rotate: unknown callback', 'POST', `/callback/${unknownId}/secret/rotate`, {}, 404, /callback not found/],
      ['remove: unknown callback', 'DELETE', `/callback/${unknownId}/remove`, {}, 404, /callback not found/],
      ['list: no mailbox header', 'GET', '/callback/list', { mailbox: null }, 400, /mailbox header must be a UUID/],
      ['an unknown route', 'GET', '/callback/everything', {}, 404, /no route/],
    ])('%s → %s', async (_name, method, path, options, status, message) => {
      const headers: Record<string, string> = {};
      if (options.mailbox !== null) headers.mailbox = options.mailbox ?? M;
      if (options.rawBody !== undefined) headers['content-type'] = 'application/json';
      const res = await call<{ code: number; message: string }>(base, method, `/api/v1/envelope${path}`, {
        auth: options.key === null ? undefined : `Bearer ${options.key ?? KEY_A}`, headers, body: options.body, rawBody: options.rawBody,
      });
      expect(res.status).toBe(status);
      expect(Object.keys(res.json).sort()).toEqual(['code', 'message']);
      expect(res.json.code).toBe(status);
      expect(res.json.message).toEqual(expect.any(String));
      if (message) expect(res.json.message).toMatch(message);
    });
  });
});

describe('envelope callbacks with two callbacks-service replicas (filter caches stay correct)', () => {
  let platform: PlatformHandle;
  let receiver: HttpReceiver;
  const KEY = 'e2e-envelope-replicas-key1';

  beforeAll(async () => {
    platform = await startPlatform({
      natsUrl: testNatsUrl(), database: { sqlitePath: tempSqlitePath() }, apiKeys: `replicas:${KEY}`, replicas: { callbacks: 2 },
      env: { DELIVERY_ALLOW_CIDRS: '127.0.0.0/8' },
    });
    receiver = await startReceiver();
  }, 120_000);

  afterAll(async () => {
    await receiver?.close();
    await platform?.stop();
  });

  it('every replica sees a callback as soon as it is added, and stops matching it once removed', async () => {
    const mailbox = randomUUID();
    const request = (method: string, path: string, body?: unknown): Promise<ApiResponse<Record<string, unknown>>> =>
      call(platform.baseUrl, method, `/api/v1/envelope${path}`, { auth: `Bearer ${KEY}`, headers: { mailbox }, body });
    const deliveriesPerEvent = async (n: number): Promise<number[]> => {
      const out: number[] = [];
      // One request at a time: the queue group spreads them over both replicas.
      for (let i = 0; i < n; i++) out.push((await request('POST', '/events', envelope())).json.deliveries as number);
      return out;
    };
    const first = await request('POST', '/callback/add', { filter: {}, url: receiver.url('/one'), retries: 0, timeout: 5000 });
    expect(await deliveriesPerEvent(12)).toEqual(Array(12).fill(1));
    const second = await request('POST', '/callback/add', { filter: { status: ['COMPLETED'] }, url: receiver.url('/two'), retries: 0, timeout: 5000 });
    expect(await deliveriesPerEvent(12)).toEqual(Array(12).fill(2));
    await request('DELETE', `/callback/${first.json.id as string}/remove`);
    expect(await deliveriesPerEvent(12)).toEqual(Array(12).fill(1));
    await request('DELETE', `/callback/${second.json.id as string}/remove`);
    expect(await deliveriesPerEvent(12)).toEqual(Array(12).fill(0));
  }, 60_000);
});
