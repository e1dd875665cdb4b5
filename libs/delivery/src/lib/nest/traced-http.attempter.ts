import { activeTracer, inSpan, traceparentOf } from '@hookrelay/messaging';
import { context, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { HttpAttempter } from '../core/ports/http-attempter.port';
import type { HttpAttemptRequest, HttpAttemptResult } from '../http/http-attempt.types';
import { urlForTrace } from './url-for-trace.util';

const TRACEPARENT = 'traceparent';

/**
 * An HttpAttempter with a client span per attempt (a child of the job's trace context, which the lane
 * worker makes active) and, with DELIVERY_SEND_TRACEPARENT, the span's `traceparent` sent to the receiver.
 * Then `traceparent` is reserved: a subscription's custom header of that name (any case) is dropped, so a
 * receiver always sees ours. Only installed when tracing is on or the setting is: otherwise the attempter
 * is the plain one.
 */
export class TracedHttpAttempter implements HttpAttempter {
  constructor(private readonly inner: HttpAttempter, private readonly sendTraceparent: boolean) {}

  attempt(request: HttpAttemptRequest): Promise<HttpAttemptResult> {
    if (!activeTracer()) return this.inner.attempt(this.sendTraceparent ? withTraceparent(request, undefined) : request);
    const url = urlForTrace(request.url);
    return inSpan('POST', SpanKind.CLIENT, { 'http.request.method': 'POST', 'url.full': url.full, 'server.address': url.host }, async (span) => {
      const sent = this.sendTraceparent ? withTraceparent(request, traceparentOf(context.active())) : request;
      const outcome = await this.inner.attempt(sent);
      const result = outcome.result;
      span?.setAttribute('hookrelay.attempt.result', result.kind);
      if (result.kind === 'response') span?.setAttribute('http.response.status_code', result.status);
      if (result.kind !== 'response' || result.status >= 400) {
        span?.setStatus({ code: SpanStatusCode.ERROR, message: outcome.error ?? (result.kind === 'response' ? `HTTP ${result.status}` : result.kind) });
      }
      return outcome;
    });
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** The request without any custom `traceparent` and, when there is one, with ours. */
export function withTraceparent(request: HttpAttemptRequest, traceparent: string | undefined): HttpAttemptRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (name.toLowerCase() !== TRACEPARENT) headers[name] = value;
  if (traceparent) headers[TRACEPARENT] = traceparent;
  return { ...request, headers };
}
