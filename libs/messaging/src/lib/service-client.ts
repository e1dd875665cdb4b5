import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { headers as natsHeaders } from 'nats';
import { NatsRequester } from './nats-requester';
import { NatsClientOptions } from './nats-client-options';
import { CORRELATION_HEADER, currentCorrelationId } from './correlation';
import { SpanKind, context } from '@opentelemetry/api';
import { activeTracer } from './tracing/tracing';
import { inSpan } from './tracing/traced-span.util';
import { injectTraceHeaders } from './tracing/trace-headers.util';
import { ReplyOf, RequestOf, RequestSubject, ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { Histogram } from 'prom-client';
import { TimeoutError } from 'rxjs';

const requestSeconds = new Histogram({
  name: 'hookrelay_nats_request_duration_seconds',
  help: 'NATS request/reply round trips from this process, by subject and outcome',
  labelNames: ['subject', 'outcome'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
});

export const SERVICE_CLIENT_OPTIONS = Symbol('SERVICE_CLIENT_OPTIONS');

/**
 * A request carrying an idempotency key (the event-accepting commands, bulk replay) is re-sent this often while
 * unanswered: the service answers a repeat with the first answer, so a request or reply lost with a NATS node
 * costs 2.5 s instead of the whole timeout. Longer than a healthy accept takes (its PubAck wait is 2 s at most).
 */
export const KEYED_REQUEST_RESEND_MS = 2_500;

/** Whether the service would answer a repeat of this request with its first answer (an idempotency key is set). */
export function isSafeToResend(payload: unknown): boolean {
  if (typeof payload !== 'object' || payload === null || !('idempotencyKey' in payload)) return false;
  const key = (payload as { idempotencyKey?: unknown }).idempotencyKey;
  return typeof key === 'string' && key.length > 0;
}

export interface ServiceClientOptions extends NatsClientOptions {
  /** Default request timeout: Nest's NATS request/reply has none of its own. */
  timeoutMs: number;
}

/**
 * The one publisher for request/reply: typed by RequestMap, bounded by a timeout, and every failure
 * becomes a ServiceException the gateway knows how to show.
 */
@Injectable()
export class ServiceClient implements OnApplicationShutdown {
  private readonly client: NatsRequester;

  constructor(@Inject(SERVICE_CLIENT_OPTIONS) private readonly options: ServiceClientOptions) {
    const { timeoutMs: _timeoutMs, ...connection } = options;
    this.client = new NatsRequester(connection);
  }

  async request<S extends RequestSubject>(subject: S, payload: RequestOf<S>, timeoutMs = this.options.timeoutMs): Promise<ReplyOf<S>> {
    const stop = requestSeconds.startTimer({ subject });
    const resendAfterMs = isSafeToResend(payload) ? KEYED_REQUEST_RESEND_MS : undefined;
    try {
      // The caller's correlation id travels in the NATS headers, so the service's log lines carry it too.
      const hdrs = natsHeaders();
      const requestId = currentCorrelationId();
      if (requestId) hdrs.set(CORRELATION_HEADER, requestId);
      const reply = (activeTracer()
        ? await inSpan(`send ${subject}`, SpanKind.CLIENT, { 'messaging.system': 'nats', 'messaging.destination.name': subject, 'messaging.operation.type': 'send' }, () => {
          // The client span is the service's parent: its traceparent travels in the NATS headers.
          injectTraceHeaders(context.active(), hdrs);
          return this.client.request(subject, payload, timeoutMs, hdrs, resendAfterMs);
        })
        : await this.client.request(subject, payload, timeoutMs, hdrs, resendAfterMs)) as ReplyOf<S>;
      stop({ outcome: 'ok' });
      return reply;
    } catch (error) {
      const mapped = toServiceException(error, subject, timeoutMs);
      stop({ outcome: mapped.code });
      throw mapped;
    }
  }

  async connect(): Promise<void> {
    await this.client.connect();
  }


  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}

function serviceOf(subject: string): string {
  return subject.split('.')[0] ?? subject;
}

export function toServiceException(error: unknown, subject: string, timeoutMs: number): ServiceException {
  if (error instanceof ServiceException) return error;
  if (ServiceException.isBody(error)) return ServiceException.fromBody(error);
  if (error instanceof TimeoutError) {
    return new ServiceException(ServiceErrorCode.Timeout, `the ${serviceOf(subject)} service did not answer within ${timeoutMs} ms`);
  }
  const name = (error as { constructor?: { name?: string } })?.constructor?.name;
  const message = error instanceof Error ? error.message : String((error as { message?: unknown })?.message ?? error);
  if (/MAX_PAYLOAD_EXCEEDED/.test(message) || (error as { code?: unknown })?.code === 'MAX_PAYLOAD_EXCEEDED') {
    return new ServiceException(ServiceErrorCode.PayloadTooLarge, 'the request is too large to relay');
  }
  if (name === 'EmptyResponseException' || /no subscribers|no responders/i.test(message)) {
    return new ServiceException(ServiceErrorCode.Unavailable, `the ${serviceOf(subject)} service is not running`);
  }
  if (/CONNECTION_CLOSED|DISCONNECT|CONNECTION_REFUSED|closed/i.test(message)) {
    return new ServiceException(ServiceErrorCode.Unavailable, 'the message bus is unavailable');
  }
  return new ServiceException(ServiceErrorCode.Internal, `request to ${subject} failed`);
}
