import type { LookupAddress } from 'node:dns';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { startReceiver, type HttpReceiver } from '@hookrelay/testing';
import { DeliveryHttpClient } from '../http/delivery-http.client';
import type { ResolveAll } from '../http/guarded-lookup.util';
import type { DeliveryHttpClientOptions, HttpAttemptRequest } from '../http/http-attempt.types';
import { AxiosHttpAttempter } from './axios-http.attempter';

/**
 * The SSRF guard and keep-alive half of the behaviour table (see http-attempters.int-spec.ts), for both
 * attempters: a TCP counter in front of the receiver proves that a blocked target got no connection at
 * all, and that attempts reuse pooled connections.
 */
type Attempter = Pick<DeliveryHttpClient, 'attempt' | 'close'>;
const ATTEMPTERS: Array<[string, (options?: DeliveryHttpClientOptions) => Attempter]> = [
  ['DeliveryHttpClient', (options) => new DeliveryHttpClient(options)],
  ['AxiosHttpAttempter', (options) => new AxiosHttpAttempter(options)],
];

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
  const server: Server = createServer((socket) => {
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

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const resolvesTo =
  (...addresses: string[]): ResolveAll =>
  async () =>
    addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
const post = (url: string, timeoutMs = 5_000): HttpAttemptRequest => ({ url, headers: { 'content-type': 'text/plain' }, body: 'hello', timeoutMs });

describe.each(ATTEMPTERS)('%s: SSRF guard and keep-alive (real receivers on 127.0.0.1)', (_name, create) => {
  const clients: Attempter[] = [];
  const servers: Array<{ close(): Promise<void> }> = [];
  const client = (options: DeliveryHttpClientOptions = { allowCidrs: ['127.0.0.0/8'] }): Attempter => {
    const made = create(options);
    clients.push(made);
    return made;
  };
  let receiver: HttpReceiver;
  let counter: ConnectionCounter;

  beforeEach(async () => {
    receiver = await startReceiver();
    counter = await startConnectionCounter({ forwardTo: receiver.port });
    servers.push(receiver, counter);
  });

  afterEach(async () => {
    // clients first: their pools hold connections the servers would otherwise wait for
    await Promise.all(clients.splice(0).map((made) => made.close()));
    await Promise.all(servers.splice(0).map((started) => started.close()));
  });

  describe('nothing reaches a refused address', () => {
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
      const attempt = await client({}).attempt(post(template.replace('PORT', String(counter.port))));

      expect(attempt.result).toEqual({ kind: 'blocked' });
      expect(attempt.error).toMatch(/refused/);
      await sleep(100);
      expect(counter.connections).toBe(0);
      expect(receiver.requests).toHaveLength(0);
    });

    it.each(['http', 'https'])('%s: a name that resolves to loopback (DNS rebinding) is blocked at connect time', async (scheme) => {
      const attempt = await client({ resolveAll: resolvesTo('127.0.0.1', '::1') }).attempt(post(`${scheme}://rebind.test:${counter.port}/`));

      expect(attempt.result).toEqual({ kind: 'blocked' });
      expect(attempt.error).toBe(
        'rebind.test resolves to no permitted address: 127.0.0.1 is refused: loopback (127.0.0.0/8); ::1 is refused: loopback (::1/128)',
      );
      await sleep(100);
      expect(counter.connections).toBe(0);
      expect(receiver.requests).toHaveLength(0);
    });

    it('this platform\'s own origin (publicUrls) is blocked although the allow-list permits the address; another port is not', async () => {
      const self = client({ allowCidrs: ['127.0.0.0/8'], publicUrls: [`http://127.0.0.1:${counter.port}/`] });

      const attempt = await self.attempt(post(`http://2130706433:${counter.port}/application/2/events`));

      expect(attempt.result).toEqual({ kind: 'blocked' });
      expect(attempt.error).toBe(`http://127.0.0.1:${counter.port} is refused: target is this platform (one of its public URLs), a delivery would feed itself`);
      await sleep(100);
      expect(counter.connections).toBe(0);
      expect((await self.attempt(post(`http://127.0.0.1:${receiver.port}/`))).result).toEqual({ kind: 'response', status: 200 });
    });

    it('a mixed DNS answer connects to the permitted address only', async () => {
      // the same port on 127.0.0.2 stands for the refused address; only 127.0.0.1 is allow-listed
      const refusedTwin = await startConnectionCounter({ host: '127.0.0.2', port: counter.port });
      servers.push(refusedTwin);
      const mixed = client({ allowCidrs: ['127.0.0.1/32'], resolveAll: resolvesTo('127.0.0.2', '127.0.0.1') });

      const attempt = await mixed.attempt(post(`http://rebind.test:${counter.port}/ok`));

      expect(attempt.result).toEqual({ kind: 'response', status: 200 });
      expect(refusedTwin.connections).toBe(0);
      expect(counter.connections).toBe(1);
      expect(receiver.requests.map((r) => [r.url, r.headers.host])).toEqual([['/ok', `rebind.test:${counter.port}`]]);
    });

    it('TLS through the guard keeps the host name for SNI', async () => {
      const allowed = client({ allowCidrs: ['127.0.0.0/8'], resolveAll: resolvesTo('127.0.0.1') });

      // the counter forwards the ClientHello to a plain-HTTP receiver, so the handshake fails: network
      const attempt = await allowed.attempt(post(`https://sni-name.test:${counter.port}/`, 2_000));

      expect(attempt.result.kind).toBe('network');
      expect(counter.connections).toBe(1);
      expect(counter.received.includes(Buffer.from('sni-name.test'))).toBe(true);
    });

    it('with the allow-list the same targets are delivered', async () => {
      const allowed = client();
      for (const template of ['http://127.0.0.1:PORT/', 'http://localhost:PORT/', 'http://[::ffff:127.0.0.1]:PORT/', 'http://2130706433:PORT/']) {
        const attempt = await allowed.attempt(post(template.replace('PORT', String(counter.port))));
        expect([template, attempt.result]).toEqual([template, { kind: 'response', status: 200 }]);
      }
      expect(receiver.requests).toHaveLength(4);
    });
  });

  describe('keep-alive', () => {
    it('50 sequential attempts share a connection or two', async () => {
      const attempter = client();
      for (let n = 0; n < 50; n++) {
        expect((await attempter.attempt(post(`http://127.0.0.1:${counter.port}/n${n}`))).result).toEqual({ kind: 'response', status: 200 });
      }

      expect(receiver.requests).toHaveLength(50);
      expect(counter.connections).toBeLessThanOrEqual(2);
    });

    it('a second wave of 16 concurrent attempts reuses the first wave’s connections', async () => {
      // (undici may open one or two more: a connection that just finished is briefly not yet free)
      const attempter = client();
      const wave = (label: string): Promise<unknown> =>
        Promise.all(Array.from({ length: 16 }, (_, n) => attempter.attempt(post(`http://127.0.0.1:${counter.port}/${label}${n}`))));
      await wave('a');
      const afterFirst = counter.connections;

      await wave('b');

      expect(receiver.requests).toHaveLength(32);
      expect(afterFirst).toBeLessThanOrEqual(16);
      expect(counter.connections - afterFirst).toBeLessThanOrEqual(2);
    });
  });
});
