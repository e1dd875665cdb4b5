import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { startReceiver, type HttpReceiver } from '@hookrelay/testing';
import { cAresQuery } from './c-ares-query.util';
import { CachingDnsResolver } from './caching-dns.resolver';
import { DeliveryHttpClient } from './delivery-http.client';
import { ipv6Bytes } from './ipv6-bytes.util';

/** A name's scripted records: addresses with TTLs per type, `nxdomain`, or `hang` (never answered). */
type Scripted = { A?: Array<[string, number]>; AAAA?: Array<[string, number]> } | 'nxdomain' | 'hang';

interface FakeDnsServer {
  /** `127.0.0.1:port`, for Resolver#setServers. */
  readonly server: string;
  /** Queries received per `TYPE name`. */
  readonly received: Map<string, number>;
  close(): Promise<void>;
}

const TYPE_A = 1;
const TYPE_AAAA = 28;

/**
 * A tiny authoritative DNS server on 127.0.0.1 (UDP): enough of RFC 1035 for c-ares's A/AAAA queries, so
 * the real c-ares channel (timeouts, tries, TTL parsing) is exercised without touching the network.
 */
async function startFakeDnsServer(zone: Record<string, Scripted>): Promise<FakeDnsServer> {
  const received = new Map<string, number>();
  const socket: Socket = createSocket('udp4');
  socket.on('message', (query, peer) => {
    let offset = 12;
    const labels: string[] = [];
    while (query[offset] !== 0) {
      labels.push(query.toString('ascii', offset + 1, offset + 1 + query[offset]));
      offset += query[offset] + 1;
    }
    const type = query.readUInt16BE(offset + 1);
    const questionEnd = offset + 5;
    const name = labels.join('.').toLowerCase();
    const key = `${type === TYPE_A ? 'A' : type === TYPE_AAAA ? 'AAAA' : type} ${name}`;
    received.set(key, (received.get(key) ?? 0) + 1);
    const scripted = zone[name] ?? 'nxdomain';
    if (scripted === 'hang') return;
    const records = scripted === 'nxdomain' ? [] : ((type === TYPE_A ? scripted.A : type === TYPE_AAAA ? scripted.AAAA : undefined) ?? []);
    const header = Buffer.alloc(12);
    header.writeUInt16BE(query.readUInt16BE(0), 0);
    header.writeUInt16BE(0x8180 | (scripted === 'nxdomain' ? 3 : 0), 2); // response, RD, RA, rcode
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(records.length, 6);
    const answers = records.map(([address, ttl]) => {
      const data = type === TYPE_A ? Buffer.from(address.split('.').map(Number)) : Buffer.from(ipv6Bytes(address) ?? []);
      const fixed = Buffer.alloc(12);
      fixed.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
      fixed.writeUInt16BE(type, 2);
      fixed.writeUInt16BE(1, 4);
      fixed.writeUInt32BE(ttl, 6);
      fixed.writeUInt16BE(data.length, 10);
      return Buffer.concat([fixed, data]);
    });
    socket.send(Buffer.concat([header, query.subarray(12, questionEnd), ...answers]), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  return {
    server: `127.0.0.1:${(socket.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

describe('CachingDnsResolver on a real c-ares channel', () => {
  let dns: FakeDnsServer;
  let receiver: HttpReceiver;
  const resolvers: CachingDnsResolver[] = [];
  const resolverFor = (timeoutMs: number): CachingDnsResolver => {
    const resolver = new CachingDnsResolver({ query: cAresQuery(timeoutMs, [dns.server]).query, timeoutMs });
    resolvers.push(resolver);
    return resolver;
  };

  beforeAll(async () => {
    const zone: Record<string, Scripted> = {
      'both.test': { A: [['192.0.2.1', 30]], AAAA: [['2001:db8::1', 20]] },
      'receiver.test': { A: [['127.0.0.1', 60]] },
    };
    for (let n = 0; n < 8; n++) zone[`slow${n}.test`] = 'hang';
    dns = await startFakeDnsServer(zone);
    receiver = await startReceiver();
  });

  afterEach(() => {
    for (const resolver of resolvers.splice(0)) resolver.close();
  });

  afterAll(async () => {
    await dns.close();
    await receiver.close();
  });

  it.each([
    ['localhost', ['127.0.0.1', '::1']],
    ['api.localhost', ['127.0.0.1', '::1']],
    ['127.0.0.1', ['127.0.0.1']],
    ['::1', ['::1']],
  ])('the default resolver answers %s without asking DNS', async (hostname, addresses) => {
    const resolver = new CachingDnsResolver();
    resolvers.push(resolver);
    expect((await resolver.lookup(hostname)).map(({ address }) => address)).toEqual(addresses);
    expect((await resolverFor(1_000).lookup(hostname)).map(({ address }) => address)).toEqual(addresses);
    expect(dns.received.size).toBe(0);
  });

  it('resolves A and AAAA with their TTLs and answers the next lookup from the cache', async () => {
    const resolver = resolverFor(1_000);
    expect(await resolver.lookup('both.test')).toEqual([
      { address: '192.0.2.1', family: 4 },
      { address: '2001:db8::1', family: 6 },
    ]);
    await resolver.lookup('both.test');
    expect([dns.received.get('A both.test'), dns.received.get('AAAA both.test')]).toEqual([1, 1]);
  });

  it('NXDOMAIN is ENOTFOUND and remembered', async () => {
    const resolver = resolverFor(1_000);
    for (let n = 0; n < 2; n++) {
      await expect(resolver.lookup('nowhere.test')).rejects.toMatchObject({ code: 'ENOTFOUND', message: 'DNS lookup of nowhere.test: no such host (NXDOMAIN)' });
    }
    expect(dns.received.get('A nowhere.test')).toBe(1);
  });

  it('eight names that never answer do not hold up a ninth; they time out at the budget', async () => {
    const resolver = resolverFor(600);
    const started = Date.now();
    const slow = Array.from({ length: 8 }, (_, n) =>
      resolver.lookup(`slow${n}.test`).then(
        () => 'resolved',
        (error: Error) => [error.message, Date.now() - started],
      ),
    );

    expect(await resolver.lookup('receiver.test')).toEqual([{ address: '127.0.0.1', family: 4 }]);
    expect(Date.now() - started).toBeLessThan(200);

    for (const [n, outcome] of (await Promise.all(slow)).entries()) {
      expect(outcome).toEqual([`DNS lookup of slow${n}.test timed out after 600 ms`, expect.any(Number)]);
      expect(outcome[1]).toBeGreaterThanOrEqual(590);
      expect(outcome[1]).toBeLessThan(600 + 200);
    }
    // c-ares retried once (2 tries) within the budget
    expect(dns.received.get('A slow0.test')).toBe(2);
  });

  it('DeliveryHttpClient: a name resolved by c-ares is delivered, or refused by the guard, or times out as network', async () => {
    const url = `http://receiver.test:${receiver.port}/hook`;
    const post = { headers: { 'content-type': 'text/plain' }, body: 'hi', timeoutMs: 2_000 };
    const allowed = new DeliveryHttpClient({ allowCidrs: ['127.0.0.0/8'], resolveAll: resolverFor(300).resolveAll });
    const guarded = new DeliveryHttpClient({ resolveAll: resolverFor(300).resolveAll });
    try {
      expect((await allowed.attempt({ ...post, url })).result).toEqual({ kind: 'response', status: 200 });
      expect(receiver.requests.map((request) => request.headers.host)).toEqual([`receiver.test:${receiver.port}`]);

      expect(await guarded.attempt({ ...post, url })).toMatchObject({
        result: { kind: 'blocked' },
        error: 'receiver.test resolves to no permitted address: 127.0.0.1 is refused: loopback (127.0.0.0/8)',
      });

      expect(await allowed.attempt({ ...post, url: 'http://slow0.test/' })).toMatchObject({
        result: { kind: 'network', code: 'ETIMEOUT' },
        error: 'ETIMEOUT: DNS lookup of slow0.test timed out after 300 ms',
      });
    } finally {
      await Promise.all([allowed.close(), guarded.close()]);
    }
  });
});
