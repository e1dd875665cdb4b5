import type { LookupAddress } from 'node:dns';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { type AddressInfo, connect, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { getFreePort, startReceiver, type HttpReceiver } from '@hookrelay/testing';
import { DeliveryHttpClient } from './delivery-http.client';
import type { ResolveAll } from './guarded-lookup.util';

/** A TCP listener that counts connections and bytes, optionally forwarding to an HTTP receiver. */
interface ConnectionCounter {
  readonly port: number;
  readonly connections: number;
  readonly received: Buffer;
  close(): Promise<void>;
}

async function startConnectionCounter(options: { forwardTo?: number; host?: string; port?: number } = {}): Promise<ConnectionCounter> {
  const sockets = new Set<Socket>();
  const chunks: Buffer[] = [];
  let connections = 0;
  const server: Server = createTcpServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    if (options.forwardTo === undefined) return;
    const upstream = connect(options.forwardTo, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
    upstream.on('close', () => socket.destroy());
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return connections;
    },
    get received() {
      return Buffer.concat(chunks);
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Sends the response head at once, then one body byte every 20 ms, forever. */
async function startTrickleServer(): Promise<{ url: string; close(): Promise<void> }> {
  const timers = new Set<NodeJS.Timeout>();
  const server: HttpServer = createHttpServer((req, res) => {
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
const resolvesTo =
  (...addresses: string[]): ResolveAll =>
  async () =>
    addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
const post = (url: string, extra: { timeoutMs?: number; maxResponseBytes?: number } = {}) => ({
  url,
  headers: { 'content-type': 'text/plain' },
  body: 'hello',
  timeoutMs: extra.timeoutMs ?? 5_000,
  ...(extra.maxResponseBytes === undefined ? {} : { maxResponseBytes: extra.maxResponseBytes }),
});

describe('DeliveryHttpClient (real receivers on 127.0.0.1)', () => {
  const open: Array<{ close(): Promise<void> }> = [];
  const track = <T extends { close(): Promise<void> }>(thing: T): T => {
    open.push(thing);
    return thing;
  };
  let client: DeliveryHttpClient;
  let receiver: HttpReceiver;

  beforeEach(async () => {
    client = track(new DeliveryHttpClient({ allowCidrs: ['127.0.0.0/8'] }));
    receiver = track(await startReceiver());
  });

  afterEach(async () => {
    // clients first: their pools hold connections the servers would otherwise wait for
    const isClient = (thing: { close(): Promise<void> }): boolean => thing instanceof DeliveryHttpClient;
    await Promise.all(open.filter(isClient).map((thing) => thing.close()));
    await Promise.all(open.filter((thing) => !isClient(thing)).map((thing) => thing.close()));
    open.length = 0;
  });

  describe('responses', () => {
    it('POSTs the exact body and headers and reports a 2xx', async () => {
      receiver.respondWith({ status: 201, body: 'thanks' });
      const body = '{"event":"envelope.completed","name":"Zoë ✓ 😀"}';

      const attempt = await client.attempt({
        url: receiver.url('/hooks/a?x=1&y=%20'),
        headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1', 'webhook-signature': 'v1,abc=' },
        body,
        timeoutMs: 5_000,
      });

      expect(attempt).toEqual({ result: { kind: 'response', status: 201 }, durationMs: expect.any(Number), snippet: 'thanks' });
      const [received] = await receiver.waitForRequests(1);
      expect(received).toMatchObject({ method: 'POST', url: '/hooks/a?x=1&y=%20', body });
      expect(received?.headers).toMatchObject({
        'content-type': 'application/json',
        'webhook-id': 'msg_1',
        'webhook-signature': 'v1,abc=',
        'user-agent': 'hookrelay-delivery',
        'content-length': String(Buffer.byteLength(body)),
      });
    });

    it('sends a Buffer body byte for byte and keeps a caller-set User-Agent', async () => {
      const custom = track(new DeliveryHttpClient({ allowCidrs: ['127.0.0.0/8'], userAgent: 'ignored' }));
      await custom.attempt({ url: receiver.url('/b'), headers: { 'User-Agent': 'Conpeek/1' }, body: Buffer.from('ünïcode'), timeoutMs: 5_000 });
      const [received] = await receiver.waitForRequests(1);
      expect(received?.body).toBe('ünïcode');
      expect(received?.headers['user-agent']).toBe('Conpeek/1');
    });

    it.each<[number, Record<string, string>, string, string | undefined]>([
      [500, {}, 'internal error', undefined],
      [410, {}, 'gone', undefined],
      [429, { 'Retry-After': '120' }, 'slow down', '120'],
      [503, { 'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT' }, '', 'Wed, 21 Oct 2015 07:28:00 GMT'],
    ])('reports HTTP %i with its snippet and Retry-After', async (status, headers, body, retryAfter) => {
      receiver.respondWith({ status, headers, body });

      const attempt = await client.attempt(post(receiver.url('/x')));

      expect(attempt.result).toEqual({ kind: 'response', status });
      expect(attempt.snippet).toBe(body);
      expect(attempt.retryAfter).toBe(retryAfter);
      expect(attempt.error).toBeUndefined();
    });

    it('does not follow a redirect: the 302 is the result and its target sees nothing', async () => {
      const other = track(await startReceiver());
      receiver.respondWith({ status: 302, headers: { location: other.url('/elsewhere') }, body: 'moved' });

      const attempt = await client.attempt(post(receiver.url('/x')));

      expect(attempt.result).toEqual({ kind: 'response', status: 302 });
      expect(attempt.snippet).toBe('moved');
      await sleep(200);
      expect(receiver.requests).toHaveLength(1);
      expect(other.requests).toHaveLength(0);
    });

    it('keeps 1 KiB by default and maxResponseBytes when given', async () => {
      receiver.respondWith({ body: 'y'.repeat(3000) });
      expect((await client.attempt(post(receiver.url()))).snippet).toBe(`${'y'.repeat(1024)} …[truncated, 3000 bytes total]`);
      expect((await client.attempt(post(receiver.url(), { maxResponseBytes: 10 }))).snippet).toBe(
        `${'y'.repeat(10)} …[truncated, 3000 bytes total]`,
      );
    });

    it('cuts a 10 MB body: bounded snippet, quick return, and the pool still works afterwards', async () => {
      receiver.respondWith({ body: Buffer.alloc(10 * 1024 * 1024, 0x7a) });
      const started = Date.now();

      const attempt = await client.attempt(post(receiver.url('/huge'), { timeoutMs: 10_000 }));

      expect(Date.now() - started).toBeLessThan(2_000);
      expect(attempt.result).toEqual({ kind: 'response', status: 200 });
      expect(attempt.snippet).toBe(`${'z'.repeat(1024)} …[truncated, more than 65536 bytes; the rest was not read]`);
      receiver.respondWith({ status: 204 });
      expect((await client.attempt(post(receiver.url('/after')))).result).toEqual({ kind: 'response', status: 204 });
    });
  });

  describe('deadline over the whole request', () => {
    it('times out on a receiver that never answers, near timeoutMs', async () => {
      receiver.respondWith({ hang: true });
      const started = Date.now();

      const attempt = await client.attempt(post(receiver.url('/slow'), { timeoutMs: 300 }));

      const wall = Date.now() - started;
      expect(attempt.result).toEqual({ kind: 'timeout' });
      expect(attempt.error).toBe('no complete response within 300 ms');
      expect(attempt.durationMs).toBeGreaterThanOrEqual(290);
      expect(wall).toBeGreaterThanOrEqual(290);
      expect(wall).toBeLessThan(300 + 250);
    });

    it('times out on a receiver that sends headers, then trickles an endless body', async () => {
      const trickle = track(await startTrickleServer());
      const started = Date.now();

      const attempt = await client.attempt(post(trickle.url, { timeoutMs: 400 }));

      const wall = Date.now() - started;
      expect(attempt.result).toEqual({ kind: 'timeout' });
      expect(attempt.error).toBe('no complete response within 400 ms (while reading the body of an HTTP 200 response)');
      expect(wall).toBeGreaterThanOrEqual(390);
      expect(wall).toBeLessThan(400 + 250);
    });

    it('times out while DNS resolution hangs', async () => {
      const stuck = track(new DeliveryHttpClient({ resolveAll: () => new Promise<LookupAddress[]>(() => undefined) }));
      const started = Date.now();

      const attempt = await stuck.attempt(post('http://stuck.test/', { timeoutMs: 300 }));

      expect(attempt.result).toEqual({ kind: 'timeout' });
      expect(Date.now() - started).toBeLessThan(300 + 250);
    });
  });

  describe('network failures are results', () => {
    it('connection refused → network ECONNREFUSED', async () => {
      const port = await getFreePort();

      const attempt = await client.attempt(post(`http://127.0.0.1:${port}/`));

      expect(attempt.result).toEqual({ kind: 'network', code: 'ECONNREFUSED' });
      expect(attempt.error).toContain('ECONNREFUSED');
      expect(attempt.snippet).toBe('');
    });

    it('connection dropped without an answer → network', async () => {
      receiver.respondWith({ destroy: true });

      const attempt = await client.attempt(post(receiver.url()));

      expect(attempt.result.kind).toBe('network');
    });

    it('close() ends a running attempt as network instead of waiting for it', async () => {
      receiver.respondWith({ hang: true });
      const running = client.attempt(post(receiver.url('/slow'), { timeoutMs: 5_000 }));
      await receiver.waitForRequests(1);
      const started = Date.now();

      await client.close();

      expect((await running).result.kind).toBe('network');
      expect(Date.now() - started).toBeLessThan(500);
    });

    it('unknown host → network', async () => {
      const failing = track(
        new DeliveryHttpClient({
          resolveAll: () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.test'), { code: 'ENOTFOUND' })),
        }),
      );
      expect((await failing.attempt(post('http://nowhere.test/'))).result).toEqual({ kind: 'network', code: 'ENOTFOUND' });
    });
  });

  describe('SSRF guard: nothing reaches a refused address', () => {
    let counter: ConnectionCounter;

    beforeEach(async () => {
      counter = track(await startConnectionCounter({ forwardTo: receiver.port }));
    });

    it.each([
      'http://127.0.0.1:PORT/',
      'http://localhost:PORT/',
      'http://[::ffff:127.0.0.1]:PORT/',
      'http://2130706433:PORT/',
      'http://0x7f000001:PORT/',
      'http://127.1:PORT/',
      'https://localhost:PORT/',
      'http://[::1]:PORT/',
    ])('%s is blocked without the allow-list', async (template) => {
      const guarded = track(new DeliveryHttpClient());

      const attempt = await guarded.attempt(post(template.replace('PORT', String(counter.port))));

      expect(attempt.result).toEqual({ kind: 'blocked' });
      expect(attempt.error).toMatch(/refused/);
      await sleep(100);
      expect(counter.connections).toBe(0);
      expect(receiver.requests).toHaveLength(0);
    });

    it.each(['http', 'https'])('%s: a name that resolves to loopback (DNS rebinding) is blocked at connect time', async (scheme) => {
      const rebinding = track(new DeliveryHttpClient({ resolveAll: resolvesTo('127.0.0.1', '::1') }));

      const attempt = await rebinding.attempt(post(`${scheme}://rebind.test:${counter.port}/`));

      expect(attempt.result).toEqual({ kind: 'blocked' });
      expect(attempt.error).toBe(
        'rebind.test resolves to no permitted address: 127.0.0.1 is refused: loopback (127.0.0.0/8); ::1 is refused: loopback (::1/128)',
      );
      await sleep(100);
      expect(counter.connections).toBe(0);
      expect(receiver.requests).toHaveLength(0);
    });

    it('a mixed DNS answer connects to the permitted address only', async () => {
      // the same port on 127.0.0.2 stands for the refused address; only 127.0.0.1 is allow-listed
      const refusedTwin = track(await startConnectionCounter({ host: '127.0.0.2', port: counter.port }));
      const mixed = track(new DeliveryHttpClient({ allowCidrs: ['127.0.0.1/32'], resolveAll: resolvesTo('127.0.0.2', '127.0.0.1') }));

      const attempt = await mixed.attempt(post(`http://rebind.test:${counter.port}/ok`));

      expect(attempt.result).toEqual({ kind: 'response', status: 200 });
      expect(refusedTwin.connections).toBe(0);
      expect(counter.connections).toBe(1);
      expect(receiver.requests.map((r) => [r.url, r.headers.host])).toEqual([['/ok', `rebind.test:${counter.port}`]]);
    });

    it('TLS through the guard keeps the host name for SNI', async () => {
      const allowed = track(new DeliveryHttpClient({ allowCidrs: ['127.0.0.0/8'], resolveAll: resolvesTo('127.0.0.1') }));

      // the counter forwards the ClientHello to a plain-HTTP receiver, so the handshake fails: network
      const attempt = await allowed.attempt(post(`https://sni-name.test:${counter.port}/`, { timeoutMs: 2_000 }));

      expect(attempt.result.kind).toBe('network');
      expect(counter.connections).toBe(1);
      expect(counter.received.includes(Buffer.from('sni-name.test'))).toBe(true);
    });

    it('with the allow-list the same targets are delivered', async () => {
      for (const template of ['http://127.0.0.1:PORT/', 'http://localhost:PORT/', 'http://[::ffff:127.0.0.1]:PORT/', 'http://2130706433:PORT/']) {
        const attempt = await client.attempt(post(template.replace('PORT', String(counter.port))));
        expect([template, attempt.result]).toEqual([template, { kind: 'response', status: 200 }]);
      }
      expect(receiver.requests).toHaveLength(4);
    });
  });

  it('keep-alive: 50 sequential attempts share a connection or two', async () => {
    const counter = track(await startConnectionCounter({ forwardTo: receiver.port }));

    for (let n = 0; n < 50; n++) {
      expect((await client.attempt(post(`http://127.0.0.1:${counter.port}/n${n}`))).result).toEqual({ kind: 'response', status: 200 });
    }

    expect(receiver.requests).toHaveLength(50);
    expect(counter.connections).toBeLessThanOrEqual(2);
  });
});
