import type { LookupAddress, LookupOptions, RecordWithTtl } from 'node:dns';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { cAresQuery, type DnsRecordQuery, type DnsRecordType } from './c-ares-query.util';
import { DEFAULT_DNS_TIMEOUT_MS, DNS_CACHE_MAX_ENTRIES, DNS_MAX_TTL_MS, DNS_MIN_TTL_MS, DNS_NEGATIVE_TTL_MS } from './dns.constants';
import { DnsLookupError } from './dns-lookup.error';
import { isLoopbackName, LOOPBACK_NAME_ADDRESSES } from './loopback-name.util';
import { TtlLruCache } from './ttl-lru.cache';

export interface CachingDnsResolverOptions {
  /** Budget of one lookup (A and AAAA together); default DEFAULT_DNS_TIMEOUT_MS (5 s). */
  readonly timeoutMs?: number;
  /** The record query; default c-ares (cAresQuery). Tests inject fakes. */
  readonly query?: DnsRecordQuery;
  /** Default DNS_CACHE_MAX_ENTRIES. */
  readonly maxEntries?: number;
  /** Default DNS_NEGATIVE_TTL_MS. */
  readonly negativeTtlMs?: number;
  /** Monotonic clock in ms for the cache; tests inject one. */
  readonly now?: () => number;
}

/** The outcome of one lookup of a name: its addresses, or why there are none. */
type Answer = { readonly addresses: readonly LookupAddress[] } | { readonly code: string; readonly message: string };

/** One record type's query: its records, its error, or still running when the budget ran out. */
type QueryOutcome = { readonly records: readonly RecordWithTtl[] } | { readonly error: unknown } | null;

const RECORD_TYPES: readonly DnsRecordType[] = ['A', 'AAAA'];
/** "This name has no such record" answers (NXDOMAIN, NODATA): authoritative, so they are cached. */
const NEGATIVE_CODES = new Set(['ENOTFOUND', 'ENODATA']);

/**
 * Host name resolution for the delivery HTTP client without libuv's thread pool (see cAresQuery):
 * - A and AAAA are queried in parallel and both awaited, within one budget (`timeoutMs`); an answer for
 *   one family still counts when the other is still out at the deadline. IPv4 addresses come first:
 *   Node's Happy Eyeballs then tries IPv4 first and IPv6 250 ms later (or at once when IPv4 fails).
 * - answers are cached for their records' smallest TTL (clamped to 1 s…300 s), "no such name" and
 *   "no address record" for a few seconds; the cache is a bounded LRU;
 * - concurrent lookups of one name share one query, so a burst of new connections to a target costs
 *   one query, and a slow name holds up only the lookups of that very name;
 * - IP literals and `localhost`/`*.localhost` are answered without a query.
 * Failures reject with DnsLookupError (`code` ENOTFOUND, ENODATA, ETIMEOUT, …), a network condition.
 * One per guarded Agent (createGuardedAgent), i.e. per attempter, not one per process: its cache lives
 * and dies with the connection pools it fed, close() can cancel its c-ares channel's queries without
 * failing another attempter's, and tests get a fresh cache per client. A process holds one or two
 * attempters, so sharing would save at most one query per name and TTL.
 */
export class CachingDnsResolver {
  private readonly timeoutMs: number;
  private readonly negativeTtlMs: number;
  private readonly query: DnsRecordQuery;
  private readonly cancelQueries: () => void;
  private readonly cache: TtlLruCache<Answer>;
  private readonly inflight = new Map<string, Promise<Answer>>();

  constructor(options: CachingDnsResolverOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_DNS_TIMEOUT_MS;
    if (!Number.isFinite(this.timeoutMs) || this.timeoutMs <= 0) throw new RangeError(`DNS timeoutMs must be > 0; got ${this.timeoutMs}`);
    this.negativeTtlMs = options.negativeTtlMs ?? DNS_NEGATIVE_TTL_MS;
    if (options.query === undefined) {
      const cAres = cAresQuery(this.timeoutMs);
      this.query = cAres.query;
      this.cancelQueries = () => cAres.cancel();
    } else {
      this.query = options.query;
      this.cancelQueries = () => undefined;
    }
    this.cache = new TtlLruCache(options.maxEntries ?? DNS_CACHE_MAX_ENTRIES, options.now ?? (() => performance.now()));
  }

  /** A ResolveAll for guardedLookup (an arrow, so it can be handed over unbound). Honours `options.family`. */
  readonly resolveAll = async (hostname: string, options: LookupOptions = {}): Promise<LookupAddress[]> => {
    const addresses = await this.lookup(hostname);
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    if (family !== 4 && family !== 6) return addresses;
    const matching = addresses.filter((address) => address.family === family);
    if (matching.length === 0) throw new DnsLookupError('ENODATA', hostname, `DNS lookup of ${hostname}: no IPv${family} address`);
    return matching;
  };

  /** Every address of `hostname`, IPv4 first. */
  async lookup(hostname: string): Promise<LookupAddress[]> {
    const version = isIP(hostname);
    if (version !== 0) return [{ address: hostname, family: version }];
    if (isLoopbackName(hostname)) return LOOPBACK_NAME_ADDRESSES.map((address) => ({ ...address }));
    const name = (hostname.endsWith('.') ? hostname.slice(0, -1) : hostname).toLowerCase();
    const answer = this.cache.get(name) ?? (await this.shared(name));
    if ('code' in answer) throw new DnsLookupError(answer.code, name, answer.message);
    return answer.addresses.slice();
  }

  /** Ends the queries in flight (their lookups fail with ECANCELLED) and empties the cache. */
  close(): void {
    this.cancelQueries();
    this.cache.clear();
  }

  private shared(name: string): Promise<Answer> {
    let pending = this.inflight.get(name);
    if (pending === undefined) {
      pending = this.resolve(name);
      this.inflight.set(name, pending);
    }
    return pending;
  }

  /** Queries both record types within the budget, caches what may be cached; never rejects. */
  private async resolve(name: string): Promise<Answer> {
    const outcomes: QueryOutcome[] = RECORD_TYPES.map(() => null);
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.timeoutMs);
    });
    const queries = RECORD_TYPES.map((type, index) =>
      // the executor turns a query that throws synchronously into a rejection
      new Promise<readonly RecordWithTtl[]>((resolve) => resolve(this.query(name, type))).then(
        (records) => {
          outcomes[index] = { records };
        },
        (error: unknown) => {
          outcomes[index] = { error };
        },
      ),
    );
    try {
      await Promise.race([Promise.all(queries), budget]);
    } finally {
      clearTimeout(timer);
      this.inflight.delete(name);
    }
    const { answer, ttlMs } = this.answerOf(name, outcomes);
    if (ttlMs !== null) this.cache.set(name, answer, ttlMs);
    return answer;
  }

  /** The answer to both queries and how long it may be cached (null: not at all). */
  private answerOf(name: string, outcomes: readonly QueryOutcome[]): { answer: Answer; ttlMs: number | null } {
    const addresses: LookupAddress[] = [];
    let ttlSeconds = Infinity;
    outcomes.forEach((outcome, index) => {
      if (outcome === null || !('records' in outcome)) return;
      for (const record of outcome.records) {
        addresses.push({ address: record.address, family: RECORD_TYPES[index] === 'A' ? 4 : 6 });
        ttlSeconds = Math.min(ttlSeconds, record.ttl);
      }
    });
    if (addresses.length > 0) {
      return { answer: { addresses }, ttlMs: Math.min(DNS_MAX_TTL_MS, Math.max(DNS_MIN_TTL_MS, ttlSeconds * 1000)) };
    }
    const codes = outcomes.map((outcome) => (outcome === null ? 'ETIMEOUT' : 'error' in outcome ? (codeOf(outcome.error) ?? 'EUNKNOWN') : 'ENODATA'));
    // NXDOMAIN is about the name itself, so it settles the lookup even while the other query is out
    if (codes.includes('ENOTFOUND')) {
      return { answer: { code: 'ENOTFOUND', message: `DNS lookup of ${name}: no such host (NXDOMAIN)` }, ttlMs: this.negativeTtlMs };
    }
    if (codes.includes('ETIMEOUT')) {
      return { answer: { code: 'ETIMEOUT', message: `DNS lookup of ${name} timed out after ${this.timeoutMs} ms` }, ttlMs: null };
    }
    const failure = codes.find((code) => !NEGATIVE_CODES.has(code));
    if (failure !== undefined) return { answer: { code: failure, message: `DNS lookup of ${name} failed: ${failure}` }, ttlMs: null };
    return { answer: { code: 'ENODATA', message: `DNS lookup of ${name}: the name has no A or AAAA record` }, ttlMs: this.negativeTtlMs };
  }
}

function codeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}
