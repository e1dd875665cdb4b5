import type { LookupAddress, RecordWithTtl } from 'node:dns';
import type { DnsRecordQuery, DnsRecordType } from './c-ares-query.util';
import { CachingDnsResolver } from './caching-dns.resolver';

/** A record type's scripted answer: records, an error code, `hang` (never answers) or `throw` (synchronously). */
type Scripted = readonly RecordWithTtl[] | string;
type Zone = Record<string, Partial<Record<DnsRecordType, Scripted>>>;

/** A fake DNS (no I/O): answers from `zone` and records every query as `A name` / `AAAA name`. */
function fakeDns(zone: Zone): { query: DnsRecordQuery; queries: string[] } {
  const queries: string[] = [];
  const query: DnsRecordQuery = (name, type) => {
    queries.push(`${type} ${name}`);
    const scripted = zone[name]?.[type] ?? 'ENOTFOUND';
    if (scripted === 'hang') return new Promise(() => undefined);
    if (scripted === 'throw') throw Object.assign(new Error(`bad name ${name}`), { code: 'EBADNAME' });
    if (typeof scripted === 'string') return Promise.reject(Object.assign(new Error(`query${type} ${scripted} ${name}`), { code: scripted }));
    return Promise.resolve(scripted);
  };
  return { query, queries };
}

const a = (address: string, ttl = 60): RecordWithTtl => ({ address, ttl });
const v4 = (address: string): LookupAddress => ({ address, family: 4 });
const v6 = (address: string): LookupAddress => ({ address, family: 6 });

/** The lookup's addresses, or `code: message` of its error. */
async function outcome(promise: Promise<LookupAddress[]>): Promise<LookupAddress[] | string> {
  return promise.catch((error: { code?: string; message: string }) => `${error.code}: ${error.message}`);
}

describe('CachingDnsResolver', () => {
  let now: number;
  const clock = (): number => now;

  beforeEach(() => {
    now = 0;
  });

  describe('answers', () => {
    it.each<[string, Zone[string], LookupAddress[] | string]>([
      ['both families, IPv4 first', { AAAA: [a('2001:db8::1')], A: [a('192.0.2.1'), a('192.0.2.2')] }, [v4('192.0.2.1'), v4('192.0.2.2'), v6('2001:db8::1')]],
      ['only A (AAAA has no data)', { A: [a('192.0.2.1')], AAAA: 'ENODATA' }, [v4('192.0.2.1')]],
      ['only AAAA', { A: 'ENODATA', AAAA: [a('2001:db8::1')] }, [v6('2001:db8::1')]],
      ['an answer on one family wins over SERVFAIL on the other', { A: [a('192.0.2.1')], AAAA: 'ESERVFAIL' }, [v4('192.0.2.1')]],
      ['an answer on one family wins over the other still out at the deadline', { A: [a('192.0.2.1')], AAAA: 'hang' }, [v4('192.0.2.1')]],
      ['NXDOMAIN', { A: 'ENOTFOUND', AAAA: 'ENOTFOUND' }, 'ENOTFOUND: DNS lookup of x.test: no such host (NXDOMAIN)'],
      ['NXDOMAIN while the other query is still out', { A: 'ENOTFOUND', AAAA: 'hang' }, 'ENOTFOUND: DNS lookup of x.test: no such host (NXDOMAIN)'],
      ['no address record', { A: 'ENODATA', AAAA: 'ENODATA' }, 'ENODATA: DNS lookup of x.test: the name has no A or AAAA record'],
      ['empty answers are no data', { A: [], AAAA: [] }, 'ENODATA: DNS lookup of x.test: the name has no A or AAAA record'],
      ['SERVFAIL', { A: 'ESERVFAIL', AAAA: 'ENODATA' }, 'ESERVFAIL: DNS lookup of x.test failed: ESERVFAIL'],
      ['a query that throws synchronously', { A: 'throw', AAAA: 'ENODATA' }, 'EBADNAME: DNS lookup of x.test failed: EBADNAME'],
      ['c-ares gave up itself', { A: 'ETIMEOUT', AAAA: 'ETIMEOUT' }, 'ETIMEOUT: DNS lookup of x.test timed out after 30 ms'],
      ['nothing within the budget', { A: 'hang', AAAA: 'hang' }, 'ETIMEOUT: DNS lookup of x.test timed out after 30 ms'],
      ['one family timed out, the other has no data', { A: 'hang', AAAA: 'ENODATA' }, 'ETIMEOUT: DNS lookup of x.test timed out after 30 ms'],
    ])('%s', async (_label, records, expected) => {
      const resolver = new CachingDnsResolver({ query: fakeDns({ 'x.test': records }).query, timeoutMs: 30 });
      expect(await outcome(resolver.lookup('x.test'))).toEqual(expected);
    });

    it.each<[string, LookupAddress[]]>([
      ['93.184.215.14', [v4('93.184.215.14')]],
      ['127.0.0.1', [v4('127.0.0.1')]],
      ['2606:4700:4700::1111', [v6('2606:4700:4700::1111')]],
      ['localhost', [v4('127.0.0.1'), v6('::1')]],
      ['LOCALHOST.', [v4('127.0.0.1'), v6('::1')]],
      ['api.localhost', [v4('127.0.0.1'), v6('::1')]],
    ])('%s is answered without a query', async (hostname, expected) => {
      const dns = fakeDns({});
      expect(await new CachingDnsResolver({ query: dns.query }).lookup(hostname)).toEqual(expected);
      expect(dns.queries).toEqual([]);
    });

    it.each<[string, number | 'IPv4' | 'IPv6' | undefined, LookupAddress[] | string]>([
      ['no family: both', undefined, [v4('192.0.2.1'), v6('2001:db8::1')]],
      ['family 0: both', 0, [v4('192.0.2.1'), v6('2001:db8::1')]],
      ['family 4', 4, [v4('192.0.2.1')]],
      ['family IPv6', 'IPv6', [v6('2001:db8::1')]],
    ])('resolveAll honours the family: %s', async (_label, family, expected) => {
      const resolver = new CachingDnsResolver({ query: fakeDns({ 'x.test': { A: [a('192.0.2.1')], AAAA: [a('2001:db8::1')] } }).query });
      expect(await outcome(resolver.resolveAll('x.test', { family }))).toEqual(expected);
    });

    it('resolveAll fails with ENODATA when the family asked for has no address', async () => {
      const resolver = new CachingDnsResolver({ query: fakeDns({ 'x.test': { A: [a('192.0.2.1')], AAAA: 'ENODATA' } }).query });
      expect(await outcome(resolver.resolveAll('x.test', { family: 6 }))).toBe('ENODATA: DNS lookup of x.test: no IPv6 address');
    });
  });

  describe('cache', () => {
    it.each<[string, Zone[string], number | null]>([
      ['positive answer: the record TTL', { A: [a('192.0.2.1', 60)], AAAA: 'ENODATA' }, 60_000],
      ['positive answer: the smallest TTL of both families', { A: [a('192.0.2.1', 30)], AAAA: [a('2001:db8::1', 10)] }, 10_000],
      ['TTL 0 is clamped up to 1 s', { A: [a('192.0.2.1', 0)], AAAA: 'ENODATA' }, 1_000],
      ['a day-long TTL is clamped down to 300 s', { A: [a('192.0.2.1', 86_400)], AAAA: 'ENODATA' }, 300_000],
      ['NXDOMAIN: negative TTL', { A: 'ENOTFOUND', AAAA: 'ENOTFOUND' }, 5_000],
      ['no address record: negative TTL', { A: 'ENODATA', AAAA: 'ENODATA' }, 5_000],
      ['SERVFAIL is not cached', { A: 'ESERVFAIL', AAAA: 'ESERVFAIL' }, null],
      ['a timeout is not cached', { A: 'ETIMEOUT', AAAA: 'ETIMEOUT' }, null],
    ])('%s', async (_label, records, expiresAfterMs) => {
      const dns = fakeDns({ 'x.test': records });
      const resolver = new CachingDnsResolver({ query: dns.query, now: clock });
      const first = await outcome(resolver.lookup('x.test'));

      if (expiresAfterMs === null) {
        await outcome(resolver.lookup('x.test'));
        expect(dns.queries).toHaveLength(4);
        return;
      }
      now = expiresAfterMs - 1;
      expect(await outcome(resolver.lookup('x.test'))).toEqual(first);
      expect(dns.queries).toHaveLength(2);
      now = expiresAfterMs;
      await outcome(resolver.lookup('x.test'));
      expect(dns.queries).toHaveLength(4);
    });

    it('shares one entry between spellings of a name', async () => {
      const dns = fakeDns({ 'x.test': { A: [a('192.0.2.1')] } });
      const resolver = new CachingDnsResolver({ query: dns.query, now: clock });
      await resolver.lookup('X.Test.');
      expect(await resolver.lookup('x.test')).toEqual([v4('192.0.2.1')]);
      expect(dns.queries).toEqual(['A x.test', 'AAAA x.test']);
    });

    it('evicts the least recently used name when full', async () => {
      const zone: Zone = { 'a.test': { A: [a('192.0.2.1')] }, 'b.test': { A: [a('192.0.2.2')] }, 'c.test': { A: [a('192.0.2.3')] } };
      const dns = fakeDns(zone);
      const resolver = new CachingDnsResolver({ query: dns.query, now: clock, maxEntries: 2 });
      for (const name of ['a.test', 'b.test', 'a.test', 'c.test', 'a.test', 'b.test']) await resolver.lookup(name);
      expect(dns.queries.filter((query) => query.startsWith('A '))).toEqual(['A a.test', 'A b.test', 'A c.test', 'A b.test']);
    });

    it('hands every caller its own array', async () => {
      const resolver = new CachingDnsResolver({ query: fakeDns({ 'x.test': { A: [a('192.0.2.1')] } }).query });
      (await resolver.lookup('x.test')).pop();
      expect(await resolver.lookup('x.test')).toEqual([v4('192.0.2.1')]);
    });

    it('close() empties the cache', async () => {
      const dns = fakeDns({ 'x.test': { A: [a('192.0.2.1')] } });
      const resolver = new CachingDnsResolver({ query: dns.query });
      await resolver.lookup('x.test');
      resolver.close();
      await resolver.lookup('x.test');
      expect(dns.queries).toHaveLength(4);
    });
  });

  describe('concurrency', () => {
    it('concurrent lookups of one name share one query per record type', async () => {
      const dns = fakeDns({ 'x.test': { A: [a('192.0.2.1')], AAAA: [a('2001:db8::1')] } });
      const resolver = new CachingDnsResolver({ query: dns.query });

      const answers = await Promise.all(Array.from({ length: 20 }, () => resolver.lookup('x.test')));

      expect(dns.queries).toEqual(['A x.test', 'AAAA x.test']);
      expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    });

    it('a shared failure gives each caller its own error', async () => {
      const resolver = new CachingDnsResolver({ query: fakeDns({}).query });
      const [one, two] = await Promise.all([resolver.lookup('gone.test').catch((e: unknown) => e), resolver.lookup('gone.test').catch((e: unknown) => e)]);
      expect(one).not.toBe(two);
      expect(one).toMatchObject({ code: 'ENOTFOUND', hostname: 'gone.test' });
    });

    it('names that hang do not delay the resolution of another name', async () => {
      const zone: Zone = { 'fast.test': { A: [a('192.0.2.1')], AAAA: 'ENODATA' } };
      for (let n = 0; n < 8; n++) zone[`slow${n}.test`] = { A: 'hang', AAAA: 'hang' };
      const resolver = new CachingDnsResolver({ query: fakeDns(zone).query, timeoutMs: 400 });
      const started = Date.now();
      let slowSettled = 0;
      // more hanging names than libuv's 4 threads: with getaddrinfo the fifth lookup would queue behind them
      const slow = Array.from({ length: 8 }, (_, n) => outcome(resolver.lookup(`slow${n}.test`)).finally(() => (slowSettled += 1)));

      expect(await resolver.lookup('fast.test')).toEqual([v4('192.0.2.1')]);

      expect(Date.now() - started).toBeLessThan(100);
      expect(slowSettled).toBe(0);
      expect(await Promise.all(slow)).toEqual(Array.from({ length: 8 }, (_, n) => `ETIMEOUT: DNS lookup of slow${n}.test timed out after 400 ms`));
      expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    });

    it('a name that timed out is queried again on the next lookup', async () => {
      const dns = fakeDns({ 'x.test': { A: 'hang', AAAA: 'hang' } });
      const resolver = new CachingDnsResolver({ query: dns.query, timeoutMs: 10 });
      await outcome(resolver.lookup('x.test'));
      await outcome(resolver.lookup('x.test'));
      expect(dns.queries).toHaveLength(4);
    });
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a timeoutMs of %p', (timeoutMs) => {
    expect(() => new CachingDnsResolver({ query: fakeDns({}).query, timeoutMs })).toThrow(RangeError);
  });
});
