import { promises as dns, type RecordWithTtl } from 'node:dns';
import { DNS_TRIES } from './dns.constants';

export type DnsRecordType = 'A' | 'AAAA';

/** One DNS query for one record type, with each record's TTL (seconds). Tests inject fakes. */
export type DnsRecordQuery = (hostname: string, type: DnsRecordType) => Promise<readonly RecordWithTtl[]>;

/** A record query on its own c-ares channel, and a way to end that channel's queries in flight. */
export interface CAresQuery {
  readonly query: DnsRecordQuery;
  /** Ends every query in flight with ECANCELLED (at shutdown). */
  cancel(): void;
}

/**
 * Record queries through `dns.promises.Resolver`, i.e. c-ares: non-blocking sockets on the event loop,
 * unlike `dns.lookup`, whose getaddrinfo runs on libuv's 4-thread pool, so four slow names stall every
 * other lookup and all fs work in the process. c-ares's timeout is per try and doubles on the retry, so
 * it is set to a third of the budget; the caller still enforces the budget itself, because c-ares
 * versions differ in how they scale and jitter retries. `servers` (`ip` or `ip:port`) is for tests; by
 * default the servers of /etc/resolv.conf are used. c-ares neither reads /etc/hosts nor applies search
 * domains: targets must be fully qualified names (and `localhost` is answered by the caller).
 */
export function cAresQuery(timeoutMs: number, servers?: readonly string[]): CAresQuery {
  const perTry = Math.max(1, Math.floor(timeoutMs / (2 ** DNS_TRIES - 1)));
  const resolver = new dns.Resolver({ timeout: perTry, tries: DNS_TRIES });
  if (servers !== undefined) resolver.setServers(servers);
  return {
    query: (hostname, type) => (type === 'A' ? resolver.resolve4(hostname, { ttl: true }) : resolver.resolve6(hostname, { ttl: true })),
    cancel: () => resolver.cancel(),
  };
}
