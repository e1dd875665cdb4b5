import { performance } from 'node:perf_hooks';
import { DEFAULT_SNIPPET_BYTES } from '../response/response-snippet.util';
import { attemptFailure } from './attempt-failure.util';
import { attemptSnippet } from './attempt-snippet.util';
import type { BoundedExchangeRequest } from './bounded-exchange';
import { MAX_BODY_READ_BYTES } from './http.constants';
import type { HttpAttemptRequest, HttpAttemptResult } from './http-attempt.types';
import type { BoundedBody } from './read-bounded-body.util';
import type { TargetUrlPolicy } from './target-url.policy';

/**
 * One delivery attempt from the caller's side, whatever transport carries it: the argument checks, the
 * URL pre-check, the headers sent, the clock, and the HttpAttemptResult in every case. DeliveryHttpClient
 * and AxiosHttpAttempter both go through it, which is what makes their results identical.
 */
export class AttemptSession {
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  /**
   * Bytes of the body read: at least MAX_BODY_READ_BYTES even when the snippet keeps less, so a body
   * that ends within it is drained and its connection goes back to the pool.
   */
  readonly readLimit: number;
  /** The request headers with our `User-Agent` unless the caller set one. */
  readonly headers: Record<string, string>;
  readonly body: string | Buffer;

  private constructor(
    readonly url: URL,
    request: HttpAttemptRequest,
    userAgent: string,
    private readonly started: number,
  ) {
    this.body = request.body;
    this.timeoutMs = request.timeoutMs;
    this.maxResponseBytes = request.maxResponseBytes ?? DEFAULT_SNIPPET_BYTES;
    this.readLimit = Math.max(MAX_BODY_READ_BYTES, this.maxResponseBytes);
    const hasUserAgent = Object.keys(request.headers).some((name) => name.toLowerCase() === 'user-agent');
    this.headers = hasUserAgent ? { ...request.headers } : { ...request.headers, 'user-agent': userAgent };
  }

  /**
   * Starts an attempt: a session to send, or the `blocked` result when the URL is unusable or refused by
   * the policy (SSRF pre-check, this platform's own origin): nothing is sent then. Throws RangeError for
   * caller bugs (a bad timeoutMs or maxResponseBytes).
   */
  static start(request: HttpAttemptRequest, policy: TargetUrlPolicy, userAgent: string): AttemptSession | HttpAttemptResult {
    const { timeoutMs, maxResponseBytes = DEFAULT_SNIPPET_BYTES } = request;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError(`timeoutMs must be > 0; got ${timeoutMs}`);
    if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 0) {
      throw new RangeError(`maxResponseBytes must be an integer ≥ 0; got ${maxResponseBytes}`);
    }
    const started = performance.now();
    const url = parseUrl(request.url);
    const refusal = url === null ? 'not a valid absolute URL' : policy.refusal(url);
    if (url === null || refusal !== null) {
      return { result: { kind: 'blocked' }, durationMs: Math.round(performance.now() - started), snippet: '', error: refusal ?? undefined };
    }
    return new AttemptSession(url, request, userAgent, started);
  }

  /** The POST to send, for BoundedExchange (a URL fragment is never sent). */
  exchangeRequest(): BoundedExchangeRequest {
    return {
      origin: this.url.origin,
      path: `${this.url.pathname}${this.url.search}`,
      method: 'POST',
      headers: this.headers,
      body: this.body,
      timeoutMs: this.timeoutMs,
      maxBodyBytes: this.readLimit,
    };
  }

  /**
   * The result of a response whose body was read (`retryAfter`: the raw header, first value if repeated;
   * `deliveryHeader`: the Standard Webhooks `webhook-delivery` header, whose value `disable` asks us to stop).
   */
  responded(status: number, retryAfter: string | readonly string[] | undefined, body: BoundedBody, deliveryHeader?: string | readonly string[]): HttpAttemptResult {
    const retry = typeof retryAfter === 'string' ? retryAfter : retryAfter?.[0];
    const delivery = typeof deliveryHeader === 'string' ? [deliveryHeader] : (deliveryHeader ?? []);
    const disable = delivery.some((value) => value.trim().toLowerCase() === 'disable');
    return {
      result: { kind: 'response', status },
      durationMs: this.elapsed(),
      snippet: attemptSnippet(body, this.maxResponseBytes),
      ...(retry === undefined ? {} : { retryAfter: retry }),
      ...(disable ? { disableRequested: true } : {}),
    };
  }

  /**
   * The result of an exchange that produced no complete response: `timedOut` when the deadline fired,
   * `status` when the response head had arrived. Rethrows caller bugs (see attemptFailure).
   */
  failed(error: unknown, timedOut: boolean, status: number | undefined): HttpAttemptResult {
    const failure = attemptFailure(error, timedOut, this.timeoutMs);
    const during = status === undefined ? '' : ` (while reading the body of an HTTP ${status} response)`;
    return { result: failure.result, durationMs: this.elapsed(), snippet: '', error: `${failure.error}${during}` };
  }

  private elapsed(): number {
    return Math.round(performance.now() - this.started);
  }
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
