import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getFreePort, startReceiver, type HttpReceiver, type ScriptedResponse } from '@hookrelay/testing';
import type { DnsRecordQuery } from '../http/c-ares-query.util';
import { CachingDnsResolver } from '../http/caching-dns.resolver';
import { DeliveryHttpClient } from '../http/delivery-http.client';
import type { DeliveryHttpClientOptions, HttpAttemptRequest, HttpAttemptResult } from '../http/http-attempt.types';
import { AxiosHttpAttempter } from './axios-http.attempter';

/**
 * The behaviour table of a delivery attempt, run against both attempters on real receivers, plus a
 * side-by-side check that the same exchange gives the very same HttpAttemptResult on both. The SSRF
 * guard and keep-alive half of the table is http-attempters-guard.int-spec.ts.
 */
type Attempter = Pick<DeliveryHttpClient, 'attempt' | 'close'>;
const ATTEMPTERS: Array<[string, (options?: DeliveryHttpClientOptions) => Attempter]> = [
  ['DeliveryHttpClient', (options) => new DeliveryHttpClient(options)],
  ['AxiosHttpAttempter', (options) => new AxiosHttpAttempter(options)],
];

/** Sends the response head at once, then one body byte every 20 ms, forever. */
async function startTrickleServer(): Promise<{ url: string; close(): Promise<void> }> {
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('x');
    const timer = setInterval(() => res.write('x'), 20);
    timers.add(timer);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => {
      for (const timer of timers) clearInterval(timer);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const hangingDns: DnsRecordQuery = () => new Promise(() => undefined);
const post = (url: string, extra: { timeoutMs?: number; maxResponseBytes?: number } = {}): HttpAttemptRequest => ({
  url,
  headers: { 'content-type': 'text/plain' },
  body: 'hello',
  timeoutMs: extra.timeoutMs ?? 5_000,
  ...(extra.maxResponseBytes === undefined ? {} : { maxResponseBytes: extra.maxResponseBytes }),
});

describe.each(ATTEMPTERS)('%s (real receivers on 127.0.0.1)', (_name, create) => {
  const clients: Attempter[] = [];
  const servers: Array<{ close(): Promise<void> }> = [];
  const client = (options: DeliveryHttpClientOptions = { allowCidrs: ['127.0.0.0/8'] }): Attempter => {
    const made = create(options);
    clients.push(made);
    return made;
  };
  const server = async <T extends { close(): Promise<void> }>(started: Promise<T>): Promise<T> => {
    servers.push(await started);
    return servers[servers.length - 1] as T;
  };
  let receiver: HttpReceiver;

  beforeEach(async () => {
    receiver = await server(startReceiver());
  });

  afterEach(async () => {
    // clients first: their pools hold connections the servers would otherwise wait for
    await Promise.all(clients.splice(0).map((made) => made.close()));
    await Promise.all(servers.splice(0).map((started) => started.close()));
  });

  describe('responses', () => {
    it('POSTs the exact body and headers, nothing else, and reports a 2xx', async () => {
      receiver.respondWith({ status: 201, body: 'thanks' });
      const body = ' {"event":"envelope.completed","name":"Zoë ✓ 😀"} ';

      const attempt = await client().attempt({
        url: receiver.url('/hooks/a?x=1&y=%20#fragment'),
        headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1', 'webhook-signature': 'v1,abc=' },
        body,
        timeoutMs: 5_000,
      });

      expect(attempt).toEqual({ result: { kind: 'response', status: 201 }, durationMs: expect.any(Number), snippet: 'thanks' });
      const [received] = await receiver.waitForRequests(1);
      expect(received).toMatchObject({ method: 'POST', url: '/hooks/a?x=1&y=%20', body });
      expect(received?.rawHeaders).toEqual([
        'host', `127.0.0.1:${receiver.port}`, 'connection', 'keep-alive',
        'content-type', 'application/json', 'webhook-id', 'msg_1', 'webhook-signature', 'v1,abc=', 'user-agent', 'hookrelay-delivery',
        'content-length', String(Buffer.byteLength(body)),
      ]);
    });

    it('sends a Buffer body byte for byte, keeps a caller-set User-Agent and adds no Content-Type', async () => {
      await client({ allowCidrs: ['127.0.0.0/8'], userAgent: 'ignored' }).attempt({
        url: receiver.url('/b'),
        headers: { 'User-Agent': 'Conpeek/1' },
        body: Buffer.from('ünïcode'),
        timeoutMs: 5_000,
      });
      const [received] = await receiver.waitForRequests(1);
      expect(received?.body).toBe('ünïcode');
      expect(received?.headers['user-agent']).toBe('Conpeek/1');
      expect(received?.headers['content-type']).toBeUndefined();
    });

    it.each<[number, Record<string, string>, string, string | undefined]>([
      [200, {}, 'ok', undefined],
      [500, {}, 'internal error', undefined],
      [410, {}, 'gone', undefined],
      [429, { 'Retry-After': '120' }, 'slow down', '120'],
      [503, { 'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT' }, '', 'Wed, 21 Oct 2015 07:28:00 GMT'],
    ])('reports HTTP %i with its snippet and Retry-After', async (status, headers, body, retryAfter) => {
      receiver.respondWith({ status, headers, body });

      const attempt = await client().attempt(post(receiver.url('/x')));

      expect(attempt.result).toEqual({ kind: 'response', status });
      expect(attempt.snippet).toBe(body);
      expect(attempt.retryAfter).toBe(retryAfter);
      expect(attempt.error).toBeUndefined();
    });

    it.each<[string, Record<string, string>, boolean]>([
      ['webhook-delivery: disable', { 'webhook-delivery': 'disable' }, true],
      ['webhook-delivery: Disable (any case, padded)', { 'Webhook-Delivery': ' Disable ' }, true],
      ['webhook-delivery: enable', { 'webhook-delivery': 'enable' }, false],
      ['no webhook-delivery header', {}, false],
    ])('reports %s as a request to stop delivering: %s', async (_label, headers, disable) => {
      receiver.respondWith({ status: 200, headers });

      const attempt = await client().attempt(post(receiver.url('/x')));

      expect(attempt.disableRequested === true).toBe(disable);
    });

    it('does not follow a redirect: the 302 is the result and its target sees nothing', async () => {
      const other = await server(startReceiver());
      receiver.respondWith({ status: 302, headers: { location: other.url('/elsewhere') }, body: 'moved' });

      const attempt = await client().attempt(post(receiver.url('/x')));

      expect(attempt.result).toEqual({ kind: 'response', status: 302 });
      expect(attempt.snippet).toBe('moved');
      await sleep(200);
      expect(receiver.requests).toHaveLength(1);
      expect(other.requests).toHaveLength(0);
    });

    it('keeps 1 KiB by default and maxResponseBytes when given', async () => {
      receiver.respondWith({ body: 'y'.repeat(3000) });
      expect((await client().attempt(post(receiver.url()))).snippet).toBe(`${'y'.repeat(1024)} …[truncated, 3000 bytes total]`);
      expect((await client().attempt(post(receiver.url(), { maxResponseBytes: 10 }))).snippet).toBe(`${'y'.repeat(10)} …[truncated, 3000 bytes total]`);
    });

    it('cuts a 10 MB body: bounded snippet, quick return, and the pool still works afterwards', async () => {
      receiver.respondWith({ body: Buffer.alloc(10 * 1024 * 1024, 0x7a) });
      const attempter = client();
      const started = Date.now();

      const attempt = await attempter.attempt(post(receiver.url('/huge'), { timeoutMs: 10_000 }));

      expect(Date.now() - started).toBeLessThan(2_000);
      expect(attempt.result).toEqual({ kind: 'response', status: 200 });
      expect(attempt.snippet).toBe(`${'z'.repeat(1024)} …[truncated, more than 65536 bytes; the rest was not read]`);
      receiver.respondWith({ status: 204 });
      expect((await attempter.attempt(post(receiver.url('/after')))).result).toEqual({ kind: 'response', status: 204 });
    });
  });

  describe('deadline over the whole request', () => {
    it('slow headers: times out on a receiver that never answers, near timeoutMs', async () => {
      receiver.respondWith({ hang: true });
      const started = Date.now();

      const attempt = await client().attempt(post(receiver.url('/slow'), { timeoutMs: 300 }));

      const wall = Date.now() - started;
      expect(attempt.result).toEqual({ kind: 'timeout' });
      expect(attempt.error).toBe('no complete response within 300 ms');
      expect(attempt.durationMs).toBeGreaterThanOrEqual(290);
      expect(wall).toBeGreaterThanOrEqual(290);
      expect(wall).toBeLessThan(300 + 250);
    });

    it('slow body: times out on a receiver that sends headers, then trickles an endless body', async () => {
      const trickle = await server(startTrickleServer());
      const started = Date.now();

      const attempt = await client().attempt(post(trickle.url, { timeoutMs: 400 }));

      const wall = Date.now() - started;
      expect(attempt.result).toEqual({ kind: 'timeout' });
      expect(attempt.error).toBe('no complete response within 400 ms (while reading the body of an HTTP 200 response)');
      expect(wall).toBeGreaterThanOrEqual(390);
      expect(wall).toBeLessThan(400 + 250);
    });

    it('times out while DNS resolution hangs', async () => {
      const stuck = client({ resolveAll: () => new Promise<LookupAddress[]>(() => undefined) });
      const started = Date.now();

      const attempt = await stuck.attempt(post('http://stuck.test/', { timeoutMs: 300 }));

      expect(attempt.result).toEqual({ kind: 'timeout' });
      expect(Date.now() - started).toBeLessThan(300 + 250);
    });
  });

  describe('network failures are results', () => {
    it('connection refused → network ECONNREFUSED', async () => {
      const port = await getFreePort();

      const attempt = await client().attempt(post(`http://127.0.0.1:${port}/`));

      expect(attempt.result).toEqual({ kind: 'network', code: 'ECONNREFUSED' });
      expect(attempt.error).toContain('ECONNREFUSED');
      expect(attempt.snippet).toBe('');
    });

    it('connection dropped without an answer → network', async () => {
      receiver.respondWith({ destroy: true });
      expect((await client().attempt(post(receiver.url()))).result.kind).toBe('network');
    });

    it('close() ends a running attempt as network instead of waiting for it', async () => {
      receiver.respondWith({ hang: true });
      const attempter = client();
      const running = attempter.attempt(post(receiver.url('/slow'), { timeoutMs: 5_000 }));
      await receiver.waitForRequests(1);
      const started = Date.now();

      await attempter.close();

      expect((await running).result.kind).toBe('network');
      expect(Date.now() - started).toBeLessThan(500);
    });

    it('unknown host → network', async () => {
      const failing = client({
        resolveAll: () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.test'), { code: 'ENOTFOUND' })),
      });
      expect((await failing.attempt(post('http://nowhere.test/'))).result).toEqual({ kind: 'network', code: 'ENOTFOUND' });
    });

    it('a header undici refuses is a caller bug: it throws, and nothing is sent', async () => {
      const attempt = client().attempt({ ...post(receiver.url()), headers: { 'transfer-encoding': 'chunked' } });
      await expect(attempt).rejects.toMatchObject({ code: 'UND_ERR_INVALID_ARG', message: 'invalid transfer-encoding header' });
      expect(receiver.requests).toHaveLength(0);
    });

    it("the resolver's own timeout is a network result with a clear message", async () => {
      const resolver = new CachingDnsResolver({ query: hangingDns, timeoutMs: 100 });

      const attempt = await client({ resolveAll: resolver.resolveAll }).attempt(post('http://slow-dns.test/', { timeoutMs: 2_000 }));

      expect(attempt).toMatchObject({ result: { kind: 'network', code: 'ETIMEOUT' }, error: 'ETIMEOUT: DNS lookup of slow-dns.test timed out after 100 ms' });
    });
  });
});

describe('both attempters give the same result for the same exchange', () => {
  const multiByte = Buffer.from(`a${'é'.repeat(40_000)}`); // the 64 KiB read limit falls inside a character
  const scripts: Record<string, ScriptedResponse> = {
    '/created': { status: 201, body: 'thanks' },
    // Retry-After sent twice (the header typings allow one value).
    '/retry': { status: 429, headers: { 'retry-after': ['120', '60'] as unknown as string }, body: 'slow down' },
    '/redirect': { status: 302, headers: { location: 'http://127.0.0.1:1/' }, body: 'moved' },
    '/long': { status: 500, body: 'e'.repeat(3000) },
    '/multibyte': { body: multiByte },
    '/hang': { hang: true },
    '/destroy': { destroy: true },
  };
  const scenarios: Array<[string, Partial<HttpAttemptRequest> & { url: string }, string, DeliveryHttpClientOptions?]> = [
    ['2xx', { url: '/created' }, 'response'],
    ['repeated Retry-After', { url: '/retry' }, 'response'],
    ['3xx', { url: '/redirect' }, 'response'],
    ['a snippet of 10 bytes', { url: '/long', maxResponseBytes: 10 }, 'response'],
    ['a body cut inside a UTF-8 character', { url: '/multibyte', maxResponseBytes: 70_000 }, 'response'],
    ['a deadline', { url: '/hang', timeoutMs: 200 }, 'timeout'],
    ['a dropped connection', { url: '/destroy' }, 'network'],
    ['a refused literal address', { url: '/created' }, 'blocked', {}],
    ['a name that resolves to loopback', { url: 'http://rebind.test:PORT/' }, 'blocked', { resolveAll: async () => [{ address: '127.0.0.1', family: 4 }] }],
    ['a DNS timeout', { url: 'http://slow-dns.test/' }, 'network', { resolveAll: new CachingDnsResolver({ query: hangingDns, timeoutMs: 50 }).resolveAll }],
    ['a URL that is not one', { url: 'no url' }, 'blocked'],
    ['a refused scheme', { url: 'ftp://example.com/' }, 'blocked'],
  ];
  let receiver: HttpReceiver;

  beforeAll(async () => {
    receiver = await startReceiver({ respond: (request) => scripts[request.url] ?? { status: 404 } });
  });

  afterAll(() => receiver.close());

  it.each(scenarios)('%s', async (_label, request, kind, options = { allowCidrs: ['127.0.0.0/8'] }) => {
    const url = request.url.startsWith('/') ? receiver.url(request.url) : request.url.replace('PORT', String(receiver.port));
    const results: HttpAttemptResult[] = [];
    for (const [, create] of ATTEMPTERS) {
      const attempter = create(options);
      try {
        results.push({ ...(await attempter.attempt({ ...post(url), ...request, url })), durationMs: 0 });
      } finally {
        await attempter.close();
      }
    }
    expect(results[0]?.result.kind).toBe(kind);
    expect(results[1]).toEqual(results[0]);
  });
});
