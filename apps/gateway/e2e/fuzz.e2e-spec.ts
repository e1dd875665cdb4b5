import { createTestDatabase, HttpReceiver, PlatformHandle, rawHttp, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { request as httpRequest } from 'node:http';
import { ApiFlavor, flavorOf } from '../src/http/api-flavor';
import { call, pollUntil } from './api-client';

/**
 * A seeded, bounded fuzz run against the real platform on PostgreSQL (the stricter database), then SQLite: a few
 * thousand malformed, oversized, mistyped and oddly authenticated requests across every endpoint family.
 * No answer may be a 5xx, no connection may be dropped without an answer, every 4xx body is JSON in its
 * API's shape, and the platform still delivers afterwards. FUZZ_SEED=<n> replays a run; FUZZ_REQUESTS=<n>
 * sizes it (default 4000: about 10 s of requests here, 2 CPUs shared).
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const REQUESTS = Number(process.env['FUZZ_REQUESTS'] ?? 4000);
const CONCURRENCY = 8;
const KEY = 'e2e-fuzz-admin-key-000001';
const READ_KEY = 'e2e-fuzz-read-key-0000001';
const OTHER_KEY = 'e2e-fuzz-other-key-000001';
const MAILBOX = '5e8c6a0e-3f7b-4c1d-9a2e-7b1f0c9d8e6a';
const MAX_BODY_BYTES = 786_432;

/** Percent-encodes any text byte for byte (encodeURIComponent throws on a lone surrogate; UTF-8 replaces it). */
function pct(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) out += /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).padStart(2, '0').toUpperCase()}`;
  return out;
}

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Sent byte for byte over a socket: what a well-behaved HTTP client refuses to send. */
  raw?: Buffer;
  what: string;
}

interface Fixture {
  pointId: string;
  tokenLocal: string;
  callbackId: string;
  deliveryId: string;
}

class Generator {
  private readonly random: () => number;

  constructor(seed: number, private readonly fixture: Fixture) {
    this.random = prng(seed);
  }

  int(max: number): number {
    return Math.floor(this.random() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  /** Text from an alphabet chosen to hurt: quotes, escapes, NUL, controls, lone surrogates, astral, RTL. */
  text(max = 40): string {
    const pieces = ['a', 'Z', '0', ' ', '"', '\\', '/', '%', '%00', '\u0000', '\u0001', '\n', '\r\n', '\ud800', '\udfff', '😀', '\u202e', 'é', '{', '[', ':', ',', '*', '?', '#', '&', '=', "'", '<script>'];
    let out = '';
    const length = this.int(max + 1);
    for (let i = 0; i < length; i++) out += this.pick(pieces);
    return out;
  }

  scalar(): unknown {
    return this.pick<() => unknown>([
      () => this.text(),
      () => this.int(2 ** 31) - 2 ** 30,
      () => this.pick([0, -1, 1.5, 1e300, -1e300, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 8.64e15 + 1, 2 ** 31]),
      () => this.chance(0.5),
      () => null,
      () => [],
      () => ({}),
      () => this.pick(['2026-11-29 18:48:21', '9999-12-31T23:59:59Z', '0000-01-01', '2020-02-30', '2020-W01', '+275760-09-13T00:00:00Z', '']),
      () => this.pick(['http://127.0.0.1:1/x', 'http://169.254.169.254/', 'javascript:alert(1)', 'http://[::1]/', `http://${'a'.repeat(3000)}.test/`]),
      () => MAILBOX,
    ])();
  }

  nested(depth: number): unknown {
    let value: unknown = this.scalar();
    for (let i = 0; i < depth; i++) value = this.chance(0.5) ? [value] : { [this.text(3) || 'k']: value };
    return value;
  }

  /** A body that is nearly right for the route, then damaged in one of many ways. */
  body(valid: Record<string, unknown> | unknown[] | string): { bytes?: Buffer; what: string } {
    const kind = this.int(12);
    const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
    switch (kind) {
      case 0:
        return { bytes: json(valid), what: 'valid-ish' };
      case 1: {
        const text = JSON.stringify(valid);
        return { bytes: Buffer.from(text.slice(0, this.int(text.length))), what: 'truncated JSON' };
      }
      case 2: {
        if (typeof valid !== 'object' || valid === null || Array.isArray(valid)) return { bytes: json(this.scalar()), what: 'a scalar body' };
        const copy: Record<string, unknown> = { ...valid };
        for (const key of Object.keys(copy)) if (this.chance(0.5)) copy[key] = this.scalar();
        if (this.chance(0.3)) copy[this.text(8)] = this.scalar();
        return { bytes: json(copy), what: 'wrong types' };
      }
      case 3: {
        const depth = this.pick([31, 32, 33, 100, 3000, 20_000]);
        const text = this.chance(0.5) ? `${'['.repeat(depth)}${']'.repeat(depth)}` : JSON.stringify(this.nested(Math.min(depth, 2000)));
        return { bytes: Buffer.from(text), what: `nested ${depth}` };
      }
      case 4: {
        const size = this.pick([10_000, 300_000, MAX_BODY_BYTES - 100, MAX_BODY_BYTES + 10]);
        const field = this.pick(['url', 'subject', 'code', 'event_name', 'data', 'x']);
        return { bytes: json({ ...(typeof valid === 'object' && !Array.isArray(valid) ? valid : {}), [field]: 'x'.repeat(size) }), what: `huge ${field} ${size}` };
      }
      case 5:
        return { bytes: Buffer.from(JSON.stringify(valid).replace(/"([^"]*)"/, '"$1\\ud800\\u0000"')), what: 'escaped surrogate and NUL' };
      case 6:
        return { bytes: Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from('"}')]), what: 'invalid UTF-8' };
      case 7:
        return { bytes: Buffer.from(this.text(200)), what: 'text' };
      case 8:
        return { bytes: undefined, what: 'no body' };
      case 9:
        return { bytes: json(this.nested(this.int(8))), what: 'random JSON' };
      case 10:
        return { bytes: Buffer.from(`{"a":1,"a":2,"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}`), what: 'prototype keys' };
      default:
        return { bytes: Buffer.from(JSON.stringify(valid).replace(/:/, ':' + ' '.repeat(this.int(50)))), what: 'whitespace' };
    }
  }

  segment(valid: string): string {
    return this.pick([
      () => valid,
      () => pct(this.text(12)) || 'x',
      () => '%00',
      () => '%ZZ',
      () => '%E0%A4%A',
      () => '%ED%A0%80',
      () => 'a'.repeat(this.pick([300, 5000])),
      () => '..%2F..%2Fetc%2Fpasswd',
      () => String(this.int(2 ** 31)),
      () => '-1',
    ])();
  }

  query(): string {
    const filter = this.pick<() => unknown>([
      () => [{ property: this.pick(['created_date', 'state', 'attempts', 'event', 'id', 'nope']), operator: this.pick([undefined, 'gt', 'lte', 'eq', 'like', 1]), value: this.scalar() }],
      () => ({ [this.pick(['code', 'opts.recv_timeout', 'ext.ct', 'opts.issync', 'opts', 'token_remote'])]: this.scalar() }),
      () => this.nested(this.int(50)),
      () => this.text(30),
    ])();
    const params = [
      `filter=${pct(typeof filter === 'string' ? filter : JSON.stringify(filter))}`,
      `limit=${pct(String(this.scalar()))}`, `offset=${pct(String(this.scalar()))}`, `sort=${pct(this.text(10))}`,
      `dir=${this.pick(['asc', 'desc', 'x'])}`, `mask=${pct(this.text(10))}`, `order=${pct(this.text(10))}`, `flat=${this.pick(['1', 'true', 'x'])}`,
      'filter[code]=x', 'limit=1&limit=2', `envelopeUuid=${this.pick([MAILBOX, '%00', 'x', ''])}`, '%ZZ=1', `q=${'%41'.repeat(this.int(2000))}`,
    ];
    const count = this.int(4);
    const chosen: string[] = [];
    for (let i = 0; i < count; i++) chosen.push(this.pick(params));
    return chosen.length ? `?${chosen.join('&')}` : '';
  }

  auth(): Record<string, string> {
    return this.pick<() => Record<string, string>>([
      () => ({ authorization: KEY }),
      () => ({ authorization: KEY }),
      () => ({ authorization: `Bearer ${KEY}` }),
      () => ({ authorization: READ_KEY }),
      () => ({ authorization: OTHER_KEY }),
      () => ({}),
      () => ({ authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }),
      () => ({ authorization: `Bearer ${this.fixture.tokenLocal}` }),
      () => ({ authorization: 'Bearer' }),
      () => ({ authorization: 'x'.repeat(this.pick([20, 5000])) }),
      () => ({ authorization: pct(this.text(20)) }),
    ])();
  }

  contentType(): Record<string, string> {
    return this.pick<Record<string, string>>([
      { 'content-type': 'application/json' }, { 'content-type': 'application/json' }, { 'content-type': 'application/json; charset=utf-16' }, {},
      { 'content-type': 'text/plain' }, { 'content-type': 'multipart/form-data; boundary=x' }, { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'application/json', 'content-encoding': 'gzip' }, { 'content-type': '\u00e9/\u00e9' },
    ]);
  }

  next(): FuzzRequest {
    const f = this.fixture;
    const uuid = this.segment(this.pick([f.callbackId, MAILBOX]));
    const envelopeEvent = { uuid: MAILBOX, status: 'completed', subject: 's', receiveDate: 1_676_039_226_765, template: MAILBOX, sender: MAILBOX, scope: 'inbox' };
    const routes: Array<[string, string, Record<string, unknown> | unknown[] | string | null]> = [
      ['POST', '/api/v1/envelope/events', this.chance(0.5) ? envelopeEvent : [envelopeEvent, envelopeEvent]],
      ['POST', '/api/v1/envelope/callback/add', { filter: { status: ['completed'], receiveDateFrom: '2020-01-01T00:00:00Z' }, url: 'http://127.0.0.1:9/hook', retries: 1, timeout: 1000 }],
      ['GET', '/api/v1/envelope/callback/list', null],
      ['DELETE', `/api/v1/envelope/callback/${uuid}/remove`, null],
      ['GET', `/api/v1/envelope/callback/${uuid}/check`, null],
      ['GET', `/api/v1/envelope/callback/${this.segment('00000000-0000-4000-8000-000000000000')}/send`, null],
      ['GET', '/api/v1/envelope/callback/callbackRequestPayload', null],
      ['GET', `/api/v1/envelope/callback/${uuid}/secret`, null],
      ['POST', `/api/v1/envelope/callback/${uuid}/secret/rotate`, null],
      ['PUT', `/application/${this.segment('2')}/webhook`, { url: 'http://127.0.0.1:9/p', retry_enabled: 1, retry_config: { retry_value: 1, max_retries: 1, backoff_type: 'constant', backoff_value: 0 }, headers: { a: 'b' } }],
      ['GET', `/application/${this.segment('1')}/webhook`, null],
      ['DELETE', `/application/${this.segment('3')}/webhook`, null],
      ['GET', `/application/${this.segment('1')}/webhook/secret`, null],
      ['POST', `/application/${this.segment('4')}/webhook/secret/rotate`, null],
      ['POST', `/application/${this.segment('2')}/events`, { event_name: 'fuzz.event', event_type: 'fuzz', data: { n: 1 }, event_time: '2026-11-29 18:48:21' }],
      ['GET', '/callback', null],
      ['GET', `/callback/${this.segment(f.deliveryId)}`, null],
      ['POST', `/callback/${this.segment('0190c2d0-0000-7000-8000-000000000000')}/recall`, null],
      ['POST', '/rest/v1/service/integration_points', { code: this.text(6) || 'C', type: 'public', url: 'http://127.0.0.1:9/', opts: { title: 't', issync: false, recv_timeout: 1000 } }],
      ['GET', '/rest/v1/service/integration_points', null],
      ['GET', `/rest/v1/service/integration_points/${this.segment(f.pointId)}`, null],
      ['PATCH', `/rest/v1/service/integration_points/${this.segment(f.pointId)}`, { opts: { title: this.text(5) }, url: 'http://127.0.0.1:9/' }],
      ['DELETE', `/rest/v1/service/integration_points/${this.segment('00000000-0000-4000-8000-000000000001')}`, null],
      ['LOOKUP', '/rest/v1/service/integration_points', this.pick([f.tokenLocal, 'ABCDE', f.pointId])],
      ['GET', `/rest/v1/service/integration_tokens/${this.segment(f.tokenLocal)}`, null],
      ['POST', '/exec', { any: 'thing' }],
      ['GET', '/exec', null],
      ['GET', '/hookrelay/v1/subscriptions/paused', null],
      ['POST', `/hookrelay/v1/subscriptions/${this.segment('application_webhook')}/${this.segment('1')}/resume`, null],
      ['POST', `/hookrelay/v1/subscriptions/${this.segment('application_webhook')}/${this.segment('1')}/pause`, null],
      ['POST', `/hookrelay/v1/subscriptions/${this.segment('integration_point')}/${this.segment(f.pointId)}/secret/rotate`, null],
      ['GET', '/hookrelay/v1/subscriptions', null],
      ['GET', '/hookrelay/v1/deliveries', null],
      ['GET', `/hookrelay/v1/deliveries/${this.segment(f.deliveryId)}`, null],
      ['POST', `/hookrelay/v1/deliveries/${this.segment(f.deliveryId)}/replay`, null],
      ['POST', '/hookrelay/v1/replays', { filter: { close_reason: 'EXHAUSTED', subscription_id: '1', created_from: '2026-11-30T00:00:00Z' } }],
      ['GET', '/hookrelay/v1/replays', null],
      ['GET', `/hookrelay/v1/replays/${this.segment('01a22a49-f078-7553-bc0f-ecfa5bb36132')}`, null],
      ['GET', '/hookrelay/v1/stats', null],
      ['PUT', '/hookrelay/v1/operational-webhook', { url: 'https://ops.example/hook', events: ['subscription.paused'] }],
      ['GET', '/hookrelay/v1/operational-webhook', null],
      ['DELETE', '/hookrelay/v1/operational-webhook', null],
      ['GET', '/hookrelay/v1/operational-events', null],
      ['GET', '/hookrelay/v1/whoami', null],
      ['GET', this.pick(['/console', '/console/', '/console/deliveries', '/console/assets/nope.js', '/console/%2e%2e/%2e%2e/etc/passwd', '/console/%00']), null],
      ['GET', this.pick(['/docs', '/docs/', '/docs/assets/swagger-ui.css', '/docs/assets/%00', '/openapi.json']), null],
      ['GET', this.pick(['/health', '/health/ready', '/metrics', '/', '/nope', '//', '/%2e%2e/']), null],
    ];
    const [method0, path0, valid] = this.pick(routes);
    const method = this.chance(0.08) ? this.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'SEARCH', 'LOOKUP', 'PROPFIND']) : method0;
    const path = `${path0}${this.chance(0.3) ? this.query() : ''}`;
    const body = valid === null && !this.chance(0.2) ? { bytes: undefined, what: 'no body' } : this.body(valid ?? {});
    const headers: Record<string, string> = { ...this.auth(), ...this.contentType() };
    if (path0.startsWith('/api/v1/envelope/')) Object.assign(headers, this.pick([{ mailbox: MAILBOX }, { mailbox: MAILBOX }, {}, { mailbox: 'x' }, { mailbox: `${MAILBOX}, ${MAILBOX}` }]));
    if (this.chance(0.1)) headers['idempotency-key'] = this.pick(['k1', 'a'.repeat(300), 'k 1', this.text(10).replace(/[^\x21-\x7e]/g, '') || 'k']);
    if (this.chance(0.05)) headers['x-request-id'] = this.pick(['r1', 'x'.repeat(500), '%00']);
    const what = `${method} ${path.slice(0, 120)} [${body.what}; ${Object.keys(headers).join(',')}]`;
    if (this.chance(0.07)) return this.rawRequest(method, path, headers, body.bytes, what);
    return { method, path, headers, body: body.bytes, what };
  }

  /** Framing a normal client will not produce: bad method tokens, raw bytes in the target, broken chunks. */
  private rawRequest(method: string, path: string, headers: Record<string, string>, body: Buffer | undefined, what: string): FuzzRequest {
    const head = (line: string, extra: string[] = []): string =>
      [line, 'Host: 127.0.0.1', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), ...extra].join('\r\n');
    const payload = body ?? Buffer.alloc(0);
    const variant = this.int(6);
    const raw = [
      // HEAD answers carry a Content-Length but no body, which this raw reader would wait for.
      () => Buffer.concat([Buffer.from(`${head(`${method === 'HEAD' ? 'GET' : method} ${path} HTTP/1.1`, [`Content-Length: ${payload.length}`, 'Connection: close'])}\r\n\r\n`), payload]),
      () => Buffer.from(`${head(`F@O ${path} HTTP/1.1`, ['Connection: close'])}\r\n\r\n`),
      () => Buffer.concat([Buffer.from(`${method} ${path.split('?', 1)[0]}/`), Buffer.from([0xc3, 0x28, 0x00, 0xed, 0xa0, 0x80]), Buffer.from(` HTTP/1.1\r\nHost: x\r\nAuthorization: ${KEY}\r\nConnection: close\r\n\r\n`)]),
      () => Buffer.from(`${head(`POST ${path} HTTP/1.1`, ['Transfer-Encoding: chunked', 'Connection: close'])}\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`),
      () => Buffer.from(`${head(`POST ${path} HTTP/1.1`, ['Content-Length: 5', 'Content-Length: 6', 'Connection: close'])}\r\n\r\n{"a":1}`),
      () => Buffer.from(`${head(`GET ${path} HTTP/1.1`, [`X-Big: ${'h'.repeat(20_000)}`, 'Connection: close'])}\r\n\r\n`),
    ][variant]!();
    return { method, path, headers, raw, what: `raw#${variant} ${what}` };
  }
}

interface Outcome {
  status: number;
  body: string;
}

function send(port: number, req: FuzzRequest): Promise<Outcome> {
  if (req.raw) return rawHttp(port, [req.raw], { expected: 1, timeoutMs: 20_000 }).then(([res]) => ({ status: res!.status, body: res!.body }));
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body) headers['content-length'] = req.body.length;
    const client = httpRequest({ host: '127.0.0.1', port, method: req.method, path: req.path, headers, timeout: 20_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    client.on('timeout', () => client.destroy(new Error('no answer within 20 s')));
    client.on('error', reject);
    client.end(req.body);
  });
}

function matchesShape(flavor: ApiFlavor, status: number, body: unknown): boolean {
  const b = body as Record<string, unknown> | null;
  if (typeof b !== 'object' || b === null) return false;
  switch (flavor) {
    case 'docstudio':
      return b['code'] === status && typeof b['message'] === 'string';
    case 'conpeek': {
      const error = b['error'] as Record<string, unknown> | undefined;
      return b['success'] === false && error?.['code'] === status && typeof error['message'] === 'string';
    }
    case 'incoplax':
      return b['error_code'] === 1000 + status && typeof b['error_message'] === 'string';
    case 'hookrelay':
      return b['statusCode'] === status && typeof b['error'] === 'string' && typeof b['message'] === 'string';
  }
}

/** What a 4xx answer must look like: JSON in its API's shape (HEAD answers have no body). */
function problemWith(req: FuzzRequest, res: Outcome): string | null {
  if (res.status >= 500 || res.status < 100) return `status ${res.status}: ${res.body.slice(0, 300)}`;
  if (res.status < 400 || req.method === 'HEAD') return null;
  let json: unknown;
  try {
    json = JSON.parse(res.body);
  } catch {
    return `status ${res.status} with a body that is not JSON: ${JSON.stringify(res.body.slice(0, 200))}`;
  }
  const path = req.path.split('?', 1)[0] ?? '';
  return matchesShape(flavorOf(path), res.status, json) ? null : `status ${res.status} not in the ${flavorOf(path)} shape: ${res.body.slice(0, 200)}`;
}

describe.each(['postgres', 'sqlite'] as const)(`fuzzing every endpoint family on %s (FUZZ_SEED=${SEED})`, (driver) => {
  let platform: PlatformHandle;
  let receiver: HttpReceiver;
  let fixture: Fixture;

  beforeAll(async () => {
    // The seed must be visible to replay a failing run.
    console.log(`fuzz on ${driver}: FUZZ_SEED=${SEED} FUZZ_REQUESTS=${REQUESTS}`);
    const database = driver === 'postgres' ? { postgresUrl: await createTestDatabase('e2e_fuzz') } : { sqlitePath: tempSqlitePath() };
    platform = await startPlatform({
      natsUrl: testNatsUrl(), database,
      apiKeys: `fuzz:${KEY},fuzz:${READ_KEY}:read,other:${OTHER_KEY}`, env: { DELIVERY_ALLOW_CIDRS: '127.0.0.0/8' },
    });
    receiver = await startReceiver();
    const base = platform.baseUrl;
    const point = await call<{ id: string; token_local: string }>(base, 'POST', '/rest/v1/service/integration_points', {
      // A handler name, so /exec stores the request (no handler at all is a documented 503).
      auth: KEY, body: { code: 'FUZZ1', type: 'public', recv_svcscriptcode: 'fuzz_hook', opts: { issync: false } },
    });
    const callback = await call<{ id: string }>(base, 'POST', '/api/v1/envelope/callback/add', {
      auth: KEY, headers: { mailbox: MAILBOX }, body: { filter: { status: ['completed'] }, url: receiver.url('/envelope'), retries: 1, timeout: 5000 },
    });
    await call(base, 'PUT', '/application/1/webhook', { auth: KEY, body: { url: receiver.url('/app1'), retry_enabled: 0 } });
    const event = await call<{ data: { id: string } }>(base, 'POST', '/application/1/events', { auth: KEY, body: { event_name: 'fuzz.setup', event_type: 'fuzz', data: {} } });
    expect([point.status, callback.status, event.status]).toEqual([200, 201, 202]);
    fixture = { pointId: point.json.id, tokenLocal: point.json.token_local, callbackId: callback.json.id, deliveryId: event.json.data.id };
  }, 180_000);

  afterAll(async () => {
    await receiver?.close();
    await platform?.stop();
  });

  it(`answers ${REQUESTS} hostile requests without a 5xx, a dropped connection or a foreign error shape`, async () => {
    const generator = new Generator(SEED, fixture);
    const requests = Array.from({ length: REQUESTS }, () => generator.next());
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let nextIndex = 0;
    const started = Date.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (nextIndex < requests.length) {
        const index = nextIndex++;
        const req = requests[index]!;
        try {
          const res = await send(platform.port, req);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const problem = problemWith(req, res);
          if (problem) failures.push(`#${index} ${req.what}: ${problem}`);
        } catch (error) {
          failures.push(`#${index} ${req.what}: connection failed: ${(error as Error).message}`);
        }
      }
    }));
    // The distribution shows the run reached past validation, not only the 4xx paths.
    console.log(`fuzz on ${driver}: ${REQUESTS} requests in ${Date.now() - started} ms; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
    expect(failures.slice(0, 30)).toEqual([]);
  }, 240_000);

  it('still accepts, delivers and reports ready afterwards', async () => {
    receiver.clear();
    const base = platform.baseUrl;
    await call(base, 'PUT', '/application/1/webhook', { auth: KEY, body: { url: receiver.url('/after'), retry_enabled: 0 } });
    // The fuzz may have left the subscription paused (it sends /pause and /resume in random order), and a paused
    // subscription holds its deliveries until resumed: resume it as its owner would.
    const resumed = await call(base, 'POST', '/hookrelay/v1/subscriptions/application_webhook/1/resume', { auth: KEY });
    expect(resumed.status).toBe(200);
    const sent = await call<{ data: { id: string } }>(base, 'POST', '/application/1/events', { auth: KEY, body: { event_name: 'fuzz.after', event_type: 'fuzz', data: { ok: true } } });
    expect(sent.status).toBe(202);
    const delivered = await pollUntil('the event at the receiver', async () => receiver.requests.filter((r) => r.headers['webhook-id'] === sent.json.data.id), (list) => list.length > 0, 30_000);
    expect(JSON.parse(delivered[0]!.body)).toMatchObject({ event_name: 'fuzz.after', data: { ok: true } });
    expect((await call(base, 'GET', '/health/ready')).status).toBe(200);
  }, 60_000);
});
