import { Context, ROOT_CONTEXT, TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/** What both NATS headers (MsgHdrs) and a plain record offer: enough to read and write `traceparent`. */
export interface HeaderCarrier {
  get(name: string): string;
  set(name: string, value: string): void;
}

// Only W3C trace context (traceparent, tracestate): baggage would carry whatever a client sent into every
// service and receiver.
const propagator = new W3CTraceContextPropagator();

const natsSetter: TextMapSetter<HeaderCarrier> = { set: (carrier, key, value) => carrier.set(key, value) };
const natsGetter: TextMapGetter<HeaderCarrier> = {
  keys: () => ['traceparent', 'tracestate'],
  // MsgHdrs.get answers '' for a missing header; the propagator wants undefined.
  get: (carrier, key) => carrier.get(key) || undefined,
};
const recordGetter: TextMapGetter<Readonly<Record<string, string | string[] | undefined>>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key],
};

/** Writes the context's span as `traceparent` (and `tracestate`) into NATS headers; nothing when it has no span. */
export function injectTraceHeaders(ctx: Context, headers: HeaderCarrier): void {
  propagator.inject(ctx, headers, natsSetter);
}

/** The remote parent a message's NATS headers carry; the root context when none (or a malformed one). */
export function extractTraceHeaders(headers: HeaderCarrier | undefined): Context {
  return headers ? propagator.extract(ROOT_CONTEXT, headers, natsGetter) : ROOT_CONTEXT;
}

/** The remote parent an HTTP request's headers carry (Node's lower-cased IncomingHttpHeaders). */
export function extractHttpTraceHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): Context {
  return propagator.extract(ROOT_CONTEXT, headers, recordGetter);
}

/** The `traceparent` value for a context's span, for an outgoing HTTP request; undefined when it has none. */
export function traceparentOf(ctx: Context): string | undefined {
  const out: Record<string, string> = {};
  propagator.inject(ctx, out, { set: (carrier, key, value) => { carrier[key] = value; } });
  return out['traceparent'];
}
