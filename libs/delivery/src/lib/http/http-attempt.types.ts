import type { AttemptResult } from '../outcome/attempt-outcome.types';
import type { ResolveAll } from './guarded-lookup.util';

/** One delivery attempt: always a POST. */
export interface HttpAttemptRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Buffer;
  /** Deadline for the whole exchange: DNS, connect, TLS, sending, response head and body. */
  readonly timeoutMs: number;
  /** Bytes of the response body kept as the snippet; default DEFAULT_SNIPPET_BYTES (1 KiB). */
  readonly maxResponseBytes?: number;
}

/** What one attempt produced. Network conditions are results, never exceptions. */
export interface HttpAttemptResult {
  readonly result: AttemptResult;
  /** Wall time of the attempt in whole milliseconds. */
  readonly durationMs: number;
  /** responseSnippet of the body; '' when there was no response. */
  readonly snippet: string;
  /** The raw `Retry-After` response header, for retryAfterMs. */
  readonly retryAfter?: string;
  /** Plain English detail for the attempt history when there was no complete response. */
  readonly error?: string;
  /** The receiver answered with `webhook-delivery: disable` (Standard Webhooks): stop delivering, like a 410. */
  readonly disableRequested?: boolean;
}

/** The guarded undici Agent both HTTP attempters use (createGuardedAgent). */
export interface GuardedAgentOptions {
  /** Operator allow-list of CIDRs that the SSRF guard lets through (`DELIVERY_ALLOW_CIDRS`). */
  readonly allowCidrs?: readonly string[];
  /** Keep-alive connections per origin (scheme + host + port); default 32. */
  readonly connectionsPerOrigin?: number;
  /** Idle time after which a pooled connection is closed; default 4 s (a receiver's Keep-Alive hint can lower it). */
  readonly keepAliveTimeoutMs?: number;
  /**
   * Host name resolution; default a CachingDnsResolver (c-ares, cached, off libuv's thread pool). Tests
   * inject a fake to simulate DNS rebinding; an injected function is used as is, without caching.
   */
  readonly resolveAll?: ResolveAll;
  /** Budget of one DNS lookup of the default resolver; default 5 s. Ignored with `resolveAll`. */
  readonly dnsTimeoutMs?: number;
}

export interface DeliveryHttpClientOptions extends GuardedAgentOptions {
  /** `User-Agent` sent unless the request headers set one; default `hookrelay-delivery`. */
  readonly userAgent?: string;
  /**
   * This platform's public base URLs (`HOOKRELAY_PUBLIC_URLS`): an attempt to one of their origins is
   * `blocked` unsent, so a subscription cannot feed the platform its own deliveries (see TargetUrlPolicy).
   */
  readonly publicUrls?: readonly string[];
}
