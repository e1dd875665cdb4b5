import type { BlockList } from 'node:net';
import { Agent } from 'undici';
import { buildAllowList } from './build-allow-list.util';
import { CachingDnsResolver } from './caching-dns.resolver';
import { guardedConnector } from './guarded-connector.util';
import { DEFAULT_CONNECTIONS_PER_ORIGIN, DEFAULT_KEEP_ALIVE_TIMEOUT_MS } from './http.constants';
import type { GuardedAgentOptions } from './http-attempt.types';

/** An undici Agent whose every connection passes the SSRF guard, with the allow-list it enforces. */
export interface GuardedAgent {
  /** Keep-alive pools per origin; follows no redirects (undici's Agent has no redirect handling). */
  readonly agent: Agent;
  /** The allow-list the connect-time guard uses, for the URL pre-check to use the same one. */
  readonly allowList: BlockList;
  /** Closes every pooled connection now and ends the DNS queries in flight. */
  destroy(): Promise<void>;
}

/**
 * Builds the dispatcher of a delivery attempter: DeliveryHttpClient and the axios adapter both send
 * through it, so the SSRF guard, the pool sizes and the DNS resolver cannot drift apart between them.
 * The resolver belongs to the agent: its cache lives as long as the pooled connections it fed.
 */
export function createGuardedAgent(options: GuardedAgentOptions = {}): GuardedAgent {
  const allowList = buildAllowList(options.allowCidrs ?? []);
  const resolver = options.resolveAll === undefined ? new CachingDnsResolver({ timeoutMs: options.dnsTimeoutMs }) : null;
  const agent = new Agent({
    connections: options.connectionsPerOrigin ?? DEFAULT_CONNECTIONS_PER_ORIGIN,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
    connect: guardedConnector(allowList, { resolveAll: options.resolveAll ?? resolver?.resolveAll }),
  });
  return {
    agent,
    allowList,
    destroy: async () => {
      resolver?.close();
      await agent.destroy();
    },
  };
}
