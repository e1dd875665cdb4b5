import { AttemptSession } from './attempt-session';
import { BoundedExchange } from './bounded-exchange';
import { createGuardedAgent, type GuardedAgent } from './guarded-agent.factory';
import { DEFAULT_USER_AGENT } from './http.constants';
import type { DeliveryHttpClientOptions, HttpAttemptRequest, HttpAttemptResult } from './http-attempt.types';
import { TargetUrlPolicy } from './target-url.policy';

/**
 * Makes delivery attempts: one POST per call over undici keep-alive pools, guarded against SSRF at
 * connect time (see createGuardedAgent), with one deadline over the whole exchange, a bounded body read
 * and no redirects (undici's Agent follows none; a 3xx is just a response). Proxy environment variables
 * are ignored, so they cannot route around the guard. Host names are resolved by c-ares with a small
 * cache (CachingDnsResolver), never on libuv's thread pool. Network conditions come back as results;
 * only caller bugs (a bad timeout, a header undici refuses, a malformed allow-list) throw.
 */
export class DeliveryHttpClient {
  private readonly guarded: GuardedAgent;
  private readonly userAgent: string;
  private readonly urlPolicy: TargetUrlPolicy;

  constructor(options: DeliveryHttpClientOptions = {}) {
    this.guarded = createGuardedAgent(options);
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.urlPolicy = new TargetUrlPolicy(this.guarded.allowList, options.publicUrls);
  }

  async attempt(request: HttpAttemptRequest): Promise<HttpAttemptResult> {
    const session = AttemptSession.start(request, this.urlPolicy, this.userAgent);
    if (!(session instanceof AttemptSession)) return session;
    const exchange = new BoundedExchange(this.guarded.agent, session.exchangeRequest());
    try {
      const response = await exchange.run();
      return session.responded(response.statusCode, response.headers['retry-after'], response.body, response.headers['webhook-delivery']);
    } catch (error: unknown) {
      return session.failed(error, exchange.timedOut, exchange.status);
    }
  }

  /**
   * Closes every pooled connection now. Await running attempts first (each ends by its deadline); one
   * still running ends as a `network` result. Not graceful on purpose: a request whose deadline already
   * passed may still wait in undici for a connect that hangs, and shutdown should not wait for it.
   */
  async close(): Promise<void> {
    await this.guarded.destroy();
  }
}
