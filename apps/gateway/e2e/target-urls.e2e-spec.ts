import { CallbackView } from '@hookrelay/contracts';
import { HttpReceiver, PlatformHandle, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { ApiResponse, call, pollUntil } from './api-client';

const KEY = 'e2e-target-urls-admin-01';
const INCOPLAX_PATH = '/rest/v1/service/integration_points';
/** Only the receivers' own address: every other loopback address stays refused, so the table can show it. */
const ALLOW = '127.0.0.1/32';

/**
 * Every spelling of an internal target, refused when the subscription is registered. Host names that need
 * DNS are not judged here (the connect-time guard judges the addresses they resolve to).
 */
const REFUSED: Array<[string, string, RegExp]> = [
  ['cloud metadata', 'http://169.254.169.254/latest/meta-data/', /cloud metadata/],
  ['metadata in decimal', 'http://2852039166/', /169\.254\.169\.254 is refused: cloud metadata/],
  ['metadata in hex', 'http://0xa9fea9fe/', /cloud metadata/],
  ['metadata in octal', 'http://0251.0376.0251.0376/', /cloud metadata/],
  ['metadata IPv4-mapped IPv6', 'http://[::ffff:169.254.169.254]/', /cloud metadata/],
  ['private 10/8', 'http://10.0.0.1/', /private \(10\.0\.0\.0\/8\)/],
  ['private, short form', 'http://10.1/', /10\.0\.0\.1 is refused: private/],
  ['private IPv4-mapped', 'http://[::ffff:10.0.0.1]/', /private/],
  ['private 192.168/16', 'http://192.168.1.1:8080/', /private/],
  ['link-local IPv4', 'http://169.254.1.1/', /link-local/],
  ['unique local IPv6', 'http://[fd00::1]/', /unique local/],
  ['link-local IPv6', 'http://[fe80::1]/', /link-local/],
  ['IPv6 loopback', 'http://[::1]:9/', /loopback/],
  ['unspecified', 'http://0.0.0.0:9/', /unspecified/],
  ['unspecified, short', 'http://0/', /unspecified/],
  ['loopback outside the allow-list', 'http://127.0.0.2:9/', /loopback/],
  ['that loopback in decimal', 'http://2130706434:9/', /127\.0\.0\.2 is refused: loopback/],
  ['that loopback in hex', 'http://0x7f000002:9/', /loopback/],
  ['that loopback in octal', 'http://0177.0.0.2:9/', /loopback/],
  ['that loopback, short', 'http://127.2:9/', /loopback/],
  ['that loopback IPv4-mapped', 'http://[::ffff:127.0.0.2]:9/', /loopback/],
  ['documentation IPv6 (RFC 9637)', 'http://[3fff::1]/', /documentation/],
  ['credentials in the URL', 'http://user:pw@example.com/', /credentials in the URL/],
  ['a user name in the URL', 'http://user@example.com/', /credentials in the URL/],
];

/** The review's ReDoS shape (H2), as large as the gateway's default body limit (768 KiB) lets through. */
const HUGE_URL = `http://${'a'.repeat(700_000)} `;

type Api = 'docstudio' | 'conpeek' | 'incoplax-create' | 'incoplax-patch';

describe('target URLs are judged when they are registered (SSRF, self-loops, size)', () => {
  const sqlitePath = tempSqlitePath();
  const encryptionKey = randomBytes(32).toString('base64');
  let platform: PlatformHandle;
  let receiver: HttpReceiver;
  let base: string;
  let channelId: string;
  const mailbox = randomUUID();

  /** Registers `url` the way `api` stores one, with that API's own key and headers. */
  const register = (api: Api, url: string, extra: Record<string, unknown> = {}): Promise<ApiResponse<Record<string, unknown>>> => {
    switch (api) {
      case 'docstudio':
        return call(base, 'POST', '/api/v1/envelope/callback/add', {
          auth: `Bearer ${KEY}`, headers: { mailbox }, body: { filter: {}, url, retries: 0, timeout: 1000, ...extra },
        });
      case 'conpeek':
        return call(base, 'PUT', '/application/77/webhook', { auth: KEY, body: { url, retry_enabled: 0, ...extra } });
      case 'incoplax-create':
        return call(base, 'POST', INCOPLAX_PATH, { auth: KEY, body: { code: `c-${randomUUID()}`, type: 'public', url, ...extra } });
      case 'incoplax-patch':
        return call(base, 'PATCH', `${INCOPLAX_PATH}/${channelId}`, { auth: KEY, body: { url, ...extra } });
    }
  };

  /** The 400 body of each API, with the message matching `message`. */
  const expectBadRequest = (api: Api, res: ApiResponse<unknown>, message: RegExp): void => {
    expect(res.status).toBe(400);
    switch (api) {
      case 'docstudio':
        return expect(res.json).toEqual({ code: 400, message: expect.stringMatching(message) });
      case 'conpeek':
        return expect(res.json).toEqual({ success: false, error: expect.objectContaining({ code: 400, message: expect.stringMatching(message) }) });
      case 'incoplax-create':
      case 'incoplax-patch':
        return expect(res.json).toEqual({ error_code: 1400, error_message: expect.stringMatching(message) });
    }
  };

  const APIS: Api[] = ['docstudio', 'conpeek', 'incoplax-create', 'incoplax-patch'];

  const start = async (env: Record<string, string>): Promise<void> => {
    platform = await startPlatform({
      natsUrl: testNatsUrl(), database: { sqlitePath }, apiKeys: `urls:${KEY}`, env: { HOOKRELAY_ENCRYPTION_KEY: encryptionKey, DELIVERY_ALLOW_CIDRS: ALLOW, ...env },
    });
    base = platform.baseUrl;
  };

  beforeAll(async () => {
    receiver = await startReceiver();
    await start({});
    const channel = await call<{ id: string }>(base, 'POST', INCOPLAX_PATH, { auth: KEY, body: { code: 'patched', type: 'public', url: '' } });
    channelId = channel.json.id;
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await receiver?.close();
  });

  describe.each(APIS)('%s', (api) => {
    it.each(REFUSED)('refuses %s (%s) with 400', async (_name, url, reason) => {
      const res = await register(api, url);
      expectBadRequest(api, res, /^url is not allowed: /);
      expectBadRequest(api, res, reason);
    });

    it('accepts the allow-listed receiver on 127.0.0.1 and a public name', async () => {
      for (const url of [receiver.url('/hook'), 'https://hooks.example.com/in']) {
        const res = await register(api, url);
        expect({ url, status: res.status, body: res.json }).toMatchObject({ status: expect.any(Number) });
        expect(res.status).toBeGreaterThanOrEqual(200);
        expect(res.status).toBeLessThan(300);
      }
    });

    it('answers a 700 kB url of the ReDoS shape with 400 in well under a second', async () => {
      await register(api, 'http://warm.example/'); // the first request of a kind pays for lazy setup
      const started = performance.now();
      const res = await register(api, HUGE_URL);
      const elapsed = performance.now() - started;
      expectBadRequest(api, res, /url must be/);
      expect(elapsed).toBeLessThan(1_000);
    });
  });

  it('the allow-listed receiver gets the Conpeek webhook\'s deliveries with one User-Agent, the custom one', async () => {
    const put = await call(base, 'PUT', '/application/78/webhook', { auth: KEY, body: { url: receiver.url('/ua'), retry_enabled: 0, headers: { 'User-Agent': 'Conpeek/1', appHash: 'abc' } } });
    expect(put.status).toBe(200);
    receiver.clear();
    await call(base, 'POST', '/application/78/events', { auth: KEY, body: { event_name: 'e', event_type: 't', data: {} } });
    const [request] = await receiver.waitForRequests(1, 10_000);
    const names = request!.rawHeaders.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase());
    expect(names.filter((name) => name === 'user-agent')).toHaveLength(1);
    expect(request!.headers).toMatchObject({ 'user-agent': 'Conpeek/1', apphash: 'abc' });
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['case-variant duplicates', { 'X-A': '1', 'x-a': '2' }, /header names are case-insensitive/],
    ['a webhook-* name', { 'Webhook-Delivery': 'x' }, /reserved header "Webhook-Delivery"/],
    ['Content-Type', { 'content-type': 'text/plain' }, /reserved header/],
    ['Host', { Host: 'evil.example' }, /reserved header/],
  ])('Conpeek custom headers: %s → 400', async (_name, headers, message) => {
    expectBadRequest('conpeek', await register('conpeek', 'https://hooks.example.com/in', { headers }), message);
  });

  it.each<[string, RegExp]>([
    ['al:ice', /login may not contain ":" or control characters/],
    ['alice\n', /login may not contain ":" or control characters/],
    // A NUL never gets as far as the login rule: the gateway refuses it in any body (input limits).
    ['al\u0000ice', /request body contains a NUL character/],
  ])('DocStudio Basic login %j → 400', async (login, message) => {
    expectBadRequest('docstudio', await register('docstudio', 'https://hooks.example.com/in', { login, password: 'pw' }), message);
  });

  describe('HOOKRELAY_PUBLIC_URLS: this platform is never a target', () => {
    let stored: HttpReceiver;

    beforeAll(async () => {
      // Registered before the setting existed: it must still never be sent to.
      stored = await startReceiver();
      const put = await call(base, 'PUT', '/application/79/webhook', { auth: KEY, body: { url: stored.url('/application/2/events'), retry_enabled: 0 } });
      expect(put.status).toBe(200);
      await platform.stop();
      // The receiver stands in for the gateway's public address (an ingress in production).
      await start({ HOOKRELAY_PUBLIC_URLS: `https://hookrelay.example.com, ${stored.baseUrl}/` });
    }, 120_000);

    afterAll(async () => {
      await stored?.close();
    });

    it.each<[Api, string]>([
      ['docstudio', 'https://hookrelay.example.com/application/2/events'],
      ['conpeek', 'https://HOOKRELAY.example.com:443/application/2/events'],
      ['incoplax-create', 'https://hookrelay.example.com./api/v1/envelope/events'],
      ['incoplax-patch', 'https://hookrelay.example.com/exec'],
    ])('%s refuses %s with 400', async (api, url) => {
      expectBadRequest(api, await register(api, url), /url is not allowed: https:\/\/hookrelay\.example\.com is refused: target is this platform/);
    });

    it.each(APIS)('%s refuses the listed 127.0.0.1 origin although the allow-list lets the address through', async (api) => {
      expectBadRequest(api, await register(api, stored.url('/x')), /target is this platform/);
      expect((await register(api, receiver.url('/other-port'))).status).toBeLessThan(300);
    });

    it('a stored target on this platform is closed unsent, with the reason in the attempt', async () => {
      const sent = await call<{ data: { id: string } }>(base, 'POST', '/application/79/events', { auth: KEY, body: { event_name: 'e', event_type: 't', data: {} } });
      expect(sent.status).toBeLessThan(300);
      const read = (): Promise<CallbackView> => call<{ data: CallbackView }>(base, 'GET', `/callback/${sent.json.data.id}`, { auth: KEY }).then((r) => r.json.data);
      const closed = await pollUntil('the delivery to close', read, (c) => c.state === 'CLOSED');
      expect(closed).toMatchObject({ close_reason: 'EXHAUSTED', attempts: 1 });
      expect(closed.call_history?.[0]?.error).toMatch(/is refused: target is this platform/);
      expect(stored.requests).toHaveLength(0);
    });
  });
});
