import { context, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { headers as natsHeaders } from 'nats';
import { extractHttpTraceHeaders, extractTraceHeaders, injectTraceHeaders, traceparentOf } from './trace-headers.util';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';
const TRACEPARENT = `00-${TRACE_ID}-${SPAN_ID}-01`;
const withSpan = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED, isRemote: false });

describe('trace context in NATS and HTTP headers', () => {
  it('writes the span of a context as traceparent into NATS headers, beside the headers already there', () => {
    const hdrs = natsHeaders();
    hdrs.set('x-request-id', 'r-1');
    injectTraceHeaders(withSpan, hdrs);
    expect(hdrs.get('traceparent')).toBe(TRACEPARENT);
    expect(hdrs.get('x-request-id')).toBe('r-1');
  });

  it('writes nothing for a context without a span (tracing off, or no request)', () => {
    const hdrs = natsHeaders();
    injectTraceHeaders(ROOT_CONTEXT, hdrs);
    injectTraceHeaders(context.active(), hdrs);
    expect(hdrs.has('traceparent')).toBe(false);
    expect(traceparentOf(ROOT_CONTEXT)).toBeUndefined();
  });

  it('reads the remote parent back from NATS headers (round trip through the wire encoding)', () => {
    const hdrs = natsHeaders();
    injectTraceHeaders(withSpan, hdrs);
    const decoded = natsHeaders();
    for (const [name, values] of hdrs) for (const value of values) decoded.append(name, value);
    expect(trace.getSpanContext(extractTraceHeaders(decoded))).toEqual({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED, isRemote: true });
  });

  it.each([
    ['no headers at all', undefined],
    ['headers without traceparent', natsHeaders()],
    ['a malformed traceparent', (() => { const h = natsHeaders(); h.set('traceparent', 'not-a-traceparent'); return h; })()],
    ['an all-zero trace id', (() => { const h = natsHeaders(); h.set('traceparent', `00-${'0'.repeat(32)}-${SPAN_ID}-01`); return h; })()],
  ])('gives the root context for %s', (_case, hdrs) => {
    expect(trace.getSpanContext(extractTraceHeaders(hdrs))).toBeUndefined();
  });

  it.each([
    ['a client traceparent', { traceparent: TRACEPARENT, host: 'x' }, TRACE_ID],
    ['none', { host: 'x' }, undefined],
    ['garbage', { traceparent: '00-zz-yy-01' }, undefined],
  ])('reads an HTTP request\'s %s', (_case, headers, traceId) => {
    expect(trace.getSpanContext(extractHttpTraceHeaders(headers))?.traceId).toBe(traceId);
  });

  it('gives the traceparent value for an outgoing HTTP request', () => {
    expect(traceparentOf(withSpan)).toBe(TRACEPARENT);
  });
});
