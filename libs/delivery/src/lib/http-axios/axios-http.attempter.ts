import { HttpService } from '@nestjs/axios';
import axios, { isAxiosError, type AxiosHeaderValue, type RawAxiosRequestHeaders } from 'axios';
import { AttemptSession } from '../http/attempt-session';
import { BoundedExchange } from '../http/bounded-exchange';
import { createGuardedAgent, type GuardedAgent } from '../http/guarded-agent.factory';
import { DEFAULT_USER_AGENT } from '../http/http.constants';
import type { DeliveryHttpClientOptions, HttpAttemptRequest, HttpAttemptResult } from '../http/http-attempt.types';
import { TargetUrlPolicy } from '../http/target-url.policy';
import { undiciAxiosAdapter } from './undici-axios.adapter';

/**
 * DeliveryHttpClient's twin that sends through @nestjs/axios's HttpService: same options, same methods,
 * and the same HttpAttemptResult for the same exchange (the URL pre-check, the result mapping and the
 * transport — guarded Agent, BoundedExchange — are shared code, not copies). Only the layer in between
 * differs: axios's config merge, interceptors and transforms, over undiciAxiosAdapter. The instance
 * is configured so axios changes nothing on the wire:
 * - `validateStatus: () => true`: every status is a result for classifyAttempt, not an error;
 * - `maxRedirects: 0`, `proxy: false`, `decompress: false` (the adapter would not do these anyway);
 * - `transformRequest: []`: axios's default re-serialises a JSON string body (it trims it), which would
 *   break the Standard Webhooks signature over the exact bytes;
 * - `transformResponse: []` with `responseType: 'arraybuffer'`: the raw bytes, not decoded text, because
 *   a body cut at the read limit may end inside a UTF-8 character and the snippet must match byte for byte;
 * - no default `Accept`/`Content-Type` header: only the caller's headers (and our User-Agent) are sent.
 * It calls `httpService.axiosRef.request` (a promise) rather than the Observable `request()`: nothing
 * ever unsubscribes from an attempt (its deadline ends it), so the Observable's CancelToken per request
 * would be pure overhead.
 */
export class AxiosHttpAttempter {
  private readonly guarded: GuardedAgent;
  private readonly userAgent: string;
  private readonly urlPolicy: TargetUrlPolicy;
  private readonly http: HttpService;

  constructor(options: DeliveryHttpClientOptions = {}) {
    this.guarded = createGuardedAgent(options);
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.urlPolicy = new TargetUrlPolicy(this.guarded.allowList, options.publicUrls);
    const instance = axios.create({
      adapter: undiciAxiosAdapter({ dispatcher: this.guarded.agent }),
      validateStatus: () => true,
      maxRedirects: 0,
      proxy: false,
      decompress: false,
      transformRequest: [],
      transformResponse: [],
      responseType: 'arraybuffer',
    });
    instance.defaults.headers.common = {};
    this.http = new HttpService(instance);
  }

  async attempt(request: HttpAttemptRequest): Promise<HttpAttemptResult> {
    const session = AttemptSession.start(request, this.urlPolicy, this.userAgent);
    if (!(session instanceof AttemptSession)) return session;
    try {
      const response = await this.http.axiosRef.request<Buffer>({
        url: session.url.href,
        method: 'post',
        headers: withoutDefaultContentType(session.headers),
        data: session.body,
        timeout: session.timeoutMs,
        maxContentLength: session.readLimit,
      });
      const exchange: unknown = response.request;
      const complete = exchange instanceof BoundedExchange && exchange.bodyComplete;
      return session.responded(response.status, headerValue(response.headers['retry-after']), { bytes: response.data, complete }, headerValue(response.headers['webhook-delivery']));
    } catch (error: unknown) {
      // anything that did not come out of an exchange is a caller bug (an axios option axios refuses)
      if (!isAxiosError(error) || !(error.request instanceof BoundedExchange)) throw error;
      return session.failed(error.cause ?? error, error.request.timedOut, error.request.status);
    }
  }

  /** As DeliveryHttpClient#close: closes every pooled connection now; a running attempt ends as `network`. */
  async close(): Promise<void> {
    await this.guarded.destroy();
  }
}

/**
 * axios sets `Content-Type: application/x-www-form-urlencoded` on a POST without one; a null value is
 * how a caller tells it to leave the header out, as DeliveryHttpClient does.
 */
function withoutDefaultContentType(headers: Record<string, string>): RawAxiosRequestHeaders {
  const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  return hasContentType ? headers : { ...headers, 'content-type': null };
}

function headerValue(value: AxiosHeaderValue | undefined): string | string[] | undefined {
  return typeof value === 'string' || Array.isArray(value) ? value : undefined;
}
