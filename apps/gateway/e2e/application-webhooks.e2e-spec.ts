import { CallbackView } from '@hookrelay/contracts';
import { HttpReceiver, PlatformHandle, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { call, pollUntil } from './api-client';

const KEY = 'e2e-conpeek-admin-key-001';
const READ = 'e2e-conpeek-read-key-0001';
const OTHER = 'e2e-conpeek-other-key-001';
const SEED = {
  url: 'http://example.xyz/poster.php',
  retry_enabled: 1,
  retry_config: { retry_value: 10, max_retries: 2, backoff_type: 'multiplier', backoff_value: 2 },
  headers: { appHash: 'abc' },
};

describe('the Conpeek application webhook API', () => {
  let platform: PlatformHandle;
  let receiver: HttpReceiver;
  let base: string;
  const event = (app: number, auth = KEY): Promise<{ status: number; json: { data: { id: string } } }> =>
    call(base, 'POST', `/application/${app}/events`, { auth, body: { event_name: 'dialog_create', event_type: 'user_dialog', data: { n: 1 } } });
  const log = (id: string): Promise<CallbackView> => call<{ data: CallbackView }>(base, 'GET', `/callback/${id}`, { auth: KEY }).then((r) => r.json.data);

  beforeAll(async () => {
    platform = await startPlatform({
      natsUrl: testNatsUrl(), database: { sqlitePath: tempSqlitePath() }, apiKeys: `conpeek:${KEY},conpeek:${READ}:read,other:${OTHER}`,
      env: { DELIVERY_ALLOW_CIDRS: '127.0.0.0/8', DELIVERY_MAX_PER_ENDPOINT: '3' },
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
    receiver.respondWith(() => ({ status: 200 }));
  });

  it('answers the seed body with the seed response, and replaces on a second PUT', async () => {
    const first = await call<{ data: Record<string, unknown> }>(base, 'PUT', '/application/9/webhook', { auth: KEY, body: SEED });
    expect(first.json).toEqual({ success: true, data: { ...SEED, signing_secret: expect.stringMatching(/^whsec_/) } });
    const second = await call(base, 'PUT', '/application/9/webhook', { auth: KEY, body: { ...SEED, headers: {} } });
    expect(second.json).toEqual({ success: true, data: { ...SEED, headers: {} } });
    expect((await call(base, 'GET', '/application/9/webhook', { auth: KEY })).json).toEqual({ success: true, data: { ...SEED, headers: {} } });
  });

  it.each([
    ['constant', { retry_value: 0.3, max_retries: 2, backoff_type: 'constant', backoff_value: 0 }, [300, 300]],
    ['linear', { retry_value: 0.2, max_retries: 2, backoff_type: 'linear', backoff_value: 0.3 }, [200, 500]],
    ['multiplier', { retry_value: 0.2, max_retries: 2, backoff_type: 'multiplier', backoff_value: 3 }, [200, 600]],
  ])('%s backoff: the receiver sees the documented delays', async (name, retryConfig, expected) => {
    const app = 100 + ['constant', 'linear', 'multiplier'].indexOf(name);
    await call(base, 'PUT', `/application/${app}/webhook`, { auth: KEY, body: { url: receiver.url(`/${name}`), retry_enabled: 1, retry_config: retryConfig } });
    receiver.respondWith(() => ({ status: 500 }));
    await event(app);
    const requests = await receiver.waitForRequests(3, 10_000);
    const gaps = [requests[1]!.receivedAt - requests[0]!.receivedAt, requests[2]!.receivedAt - requests[1]!.receivedAt];
    gaps.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(expected[i]! - 20);
      expect(gap).toBeLessThan(expected[i]! + 400);
    });
  });

  it('retry_enabled 0: exactly one attempt', async () => {
    await call(base, 'PUT', '/application/200/webhook', { auth: KEY, body: { url: receiver.url('/once'), retry_enabled: 0 } });
    receiver.respondWith(() => ({ status: 500 }));
    const sent = await event(200);
    const closed = await pollUntil('the callback to close', () => log(sent.json.data.id), (c) => c.state === 'CLOSED');
    expect(closed).toMatchObject({ close_reason: 'EXHAUSTED', attempts: 1 });
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.requests).toHaveLength(1);
  });

  it('a changed URL applies to deliveries not yet attempted', async () => {
    const oldReceiver = await startReceiver({ respond: { status: 200, delayMs: 2000 } });
    try {
      await call(base, 'PUT', '/application/300/webhook', { auth: KEY, body: { url: oldReceiver.url('/old'), retry_enabled: 0 } });
      // DELIVERY_MAX_PER_ENDPOINT=3 over 3 workers: while the slow endpoint is busy, further deliveries wait (or are parked), unattempted.
      const sent = await Promise.all(Array.from({ length: 5 }, () => event(300)));
      expect(sent.map((s) => [s.status, s.json])).toEqual(Array(5).fill([202, expect.anything()]));
      await oldReceiver.waitForRequests(1, 5_000);
      await call(base, 'PUT', '/application/300/webhook', { auth: KEY, body: { url: receiver.url('/new'), retry_enabled: 0 } });
      const closed = await Promise.all(sent.map((s) => pollUntil('every callback to close', () => log(s.json.data.id), (c) => c.state === 'CLOSED', 15_000)));
      expect(closed.map((c) => c.close_reason)).toEqual(Array(5).fill('DELIVERED'));
      const atOld = new Set(oldReceiver.requests.map((r) => r.headers['webhook-id']));
      const atNew = new Set(receiver.requests.map((r) => r.headers['webhook-id']));
      expect(atNew.size).toBeGreaterThan(0);
      expect(atOld.size + atNew.size).toBe(5);
      // Each delivery went exactly where its record says, once.
      for (const c of closed) expect(c.url).toBe(atNew.has(c.id) ? receiver.url('/new') : oldReceiver.url('/old'));
      expect(oldReceiver.requests.length + receiver.requests.length).toBe(5);
    } finally {
      await oldReceiver.close();
    }
  });

  it('rotating the secret signs with both secrets for 24 h', async () => {
    const created = await call<{ data: { signing_secret: string } }>(base, 'PUT', '/application/400/webhook', { auth: KEY, body: { url: receiver.url('/rot'), retry_enabled: 0 } });
    const rotated = await call<{ data: { signing_secret: string } }>(base, 'POST', '/application/400/webhook/secret/rotate', { auth: KEY });
    expect(rotated.json.data.signing_secret).not.toBe(created.json.data.signing_secret);
    await event(400);
    const [request] = await receiver.waitForRequests(1);
    const { Webhook } = await import('standardwebhooks');
    for (const secret of [created.json.data.signing_secret, rotated.json.data.signing_secret]) {
      expect(() => new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>)).not.toThrow();
    }
    expect(String(request!.headers['webhook-signature']).split(' ')).toHaveLength(2);
  });

  it('keeps tenants apart and read keys read-only', async () => {
    await call(base, 'PUT', '/application/500/webhook', { auth: KEY, body: SEED });
    expect((await call(base, 'GET', '/application/500/webhook', { auth: OTHER })).status).toBe(404);
    expect((await call(base, 'DELETE', '/application/500/webhook', { auth: OTHER })).status).toBe(404);
    expect((await event(500, OTHER)).status).toBe(404);
    expect((await call(base, 'GET', '/application/500/webhook/secret', { auth: OTHER })).status).toBe(404);
    const sent = await event(500);
    expect((await call(base, 'GET', `/callback/${sent.json.data.id}`, { auth: OTHER })).status).toBe(404);
    expect((await call(base, 'POST', `/callback/${sent.json.data.id}/recall`, { auth: OTHER })).status).toBe(404);
    expect((await call(base, 'GET', '/callback', { auth: OTHER })).json).toEqual({ data: [] });
    // tenant B's application 500 is its own
    expect((await call(base, 'PUT', '/application/500/webhook', { auth: OTHER, body: SEED })).status).toBe(200);
    const readPut = await call(base, 'PUT', '/application/500/webhook', { auth: READ, body: SEED });
    expect(readPut.status).toBe(403);
    expect(readPut.json).toEqual({ success: false, error: { code: 403, message: 'this API key may only read' } });
    expect((await call(base, 'GET', '/application/500/webhook', { auth: READ })).status).toBe(200);
  });

  const BAD: Array<[string, string, string, { body?: unknown; raw?: string }, number, RegExp]> = [
    ['the seed curl example body', 'PUT', '/application/9/webhook', { body: { data: { name: 'EXAMPLE xyz' } } }, 400, /url is required/],
    ['no body', 'PUT', '/application/9/webhook', {}, 400, /request body must be a JSON object/],
    ['malformed JSON', 'PUT', '/application/9/webhook', { raw: '{"url":' }, 400, /not valid JSON/],
    ['an array body', 'PUT', '/application/9/webhook', { body: [] }, 400, /request body must be a JSON object/],
    ['a non-http url', 'PUT', '/application/9/webhook', { body: { ...SEED, url: 'ftp://x.example' } }, 400, /url must be a valid http\(s\) URL/],
    ['the placeholder url "string"', 'PUT', '/application/9/webhook', { body: { ...SEED, url: 'string' } }, 400, /url must be a valid http\(s\) URL/],
    ['retry_enabled 2', 'PUT', '/application/9/webhook', { body: { ...SEED, retry_enabled: 2 } }, 400, /retry_enabled must be 0 or 1/],
    ['retry_enabled "1"', 'PUT', '/application/9/webhook', { body: { ...SEED, retry_enabled: '1' } }, 400, /retry_enabled must be 0 or 1/],
    ['retries on without a config', 'PUT', '/application/9/webhook', { body: { url: SEED.url, retry_enabled: 1 } }, 400, /retry_config is required/],
    ['an unknown backoff', 'PUT', '/application/9/webhook', { body: { ...SEED, retry_config: { ...SEED.retry_config, backoff_type: 'fibonacci' } } }, 400, /backoff_type must be one of/],
    ['a negative retry_value', 'PUT', '/application/9/webhook', { body: { ...SEED, retry_config: { ...SEED.retry_config, retry_value: -1 } } }, 400, /retry_value must not be less than/],
    ['too many retries', 'PUT', '/application/9/webhook', { body: { ...SEED, retry_config: { ...SEED.retry_config, max_retries: 1000 } } }, 400, /max_retries must not be greater than 25/],
    ['a fractional max_retries', 'PUT', '/application/9/webhook', { body: { ...SEED, retry_config: { ...SEED.retry_config, max_retries: 1.5 } } }, 400, /max_retries must be an integer/],
    ['a multiplier below 1', 'PUT', '/application/9/webhook', { body: { ...SEED, retry_config: { ...SEED.retry_config, backoff_value: 0.5 } } }, 400, /at least 1 for the multiplier/],
    ['headers not an object', 'PUT', '/application/9/webhook', { body: { ...SEED, headers: ['x'] } }, 400, /headers must be an object/],
    ['a non-string header value', 'PUT', '/application/9/webhook', { body: { ...SEED, headers: { a: 1 } } }, 400, /value of "a" must be a string/],
    ['a hop-by-hop header', 'PUT', '/application/9/webhook', { body: { ...SEED, headers: { Connection: 'close' } } }, 400, /reserved header "Connection"/],
    ['a signature header', 'PUT', '/application/9/webhook', { body: { ...SEED, headers: { 'webhook-signature': 'v1,x' } } }, 400, /reserved header/],
    ['a header name with a space', 'PUT', '/application/9/webhook', { body: { ...SEED, headers: { 'bad name': 'x' } } }, 400, /invalid header name/],
    ['a header value with a newline', 'PUT', '/application/9/webhook', { body: { ...SEED, headers: { a: 'x\r\ninjected: y' } } }, 400, /forbidden characters/],
    ['an unknown field', 'PUT', '/application/9/webhook', { body: { ...SEED, colour: 'red' } }, 400, /unknown field "colour"/],
    ['a non-numeric application id', 'PUT', '/application/abc/webhook', { body: SEED }, 400, /application_id must be a positive integer/],
    ['application id 0', 'GET', '/application/0/webhook', {}, 400, /application_id must be a positive integer/],
    ['an application without a webhook', 'GET', '/application/424242/webhook', {}, 404, /application 424242 has no webhook/],
    ['deleting a missing webhook', 'DELETE', '/application/424242/webhook', {}, 404, /has no webhook/],
    ['an event for an application without a webhook', 'POST', '/application/424242/events', { body: { event_name: 'a', event_type: 'b', data: {} } }, 404, /has no webhook/],
    ['an event without data', 'POST', '/application/9/events', { body: { event_name: 'a', event_type: 'b' } }, 400, /data must be an object/],
    ['an event with a bad event_time', 'POST', '/application/9/events', { body: { event_name: 'a', event_type: 'b', data: {}, event_time: 'yesterday' } }, 400, /event_time must be a UTC date/],
    ['a bad callback filter', 'GET', `/callback?filter=${encodeURIComponent('[{"property":"state","operator":"gt","value":"OPEN"}]')}`, {}, 400, /filter/],
    ['a callback limit out of range', 'GET', '/callback?limit=0', {}, 400, /limit/],
    ['an unknown sort field', 'GET', '/callback?sort=colour', {}, 400, /sort/],
    ['a bad date in a callback filter', 'GET', `/callback?filter=${encodeURIComponent('[{"property":"created_date","operator":"gt","value":"2021-13-40 25:00:00"}]')}`, {}, 400, /date/],
    ['an unknown callback', 'GET', '/callback/nope', {}, 404, /callback not found/],
    ['recalling an unknown callback', 'POST', '/callback/nope/recall', {}, 404, /callback not found/],
  ];

  it.each(BAD)('refuses %s with a %d in the Conpeek shape', async (_name, method, path, input, status, message) => {
    const res = await call(base, method, path, { auth: KEY, body: input.body, rawBody: input.raw });
    expect(res.status).toBe(status);
    expect(res.json).toEqual({ success: false, error: expect.objectContaining({ code: status, message: expect.stringMatching(message) }) });
  });
});
