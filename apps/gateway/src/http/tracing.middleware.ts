import { activeTracer, extractHttpTraceHeaders } from '@hookrelay/messaging';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { NextFunction, Request, Response } from 'express';

/**
 * The gateway's server span for one HTTP request (mounted only when tracing is on): a client's
 * `traceparent` is its parent, the rest of the request runs inside it (so the NATS requests it makes are
 * its children), and it ends with the matched route and the status. Mounted after the body parser, like
 * the correlation id: Express's stream callbacks would lose the active context. The URL's query string is
 * never recorded (it may carry credentials).
 */
export function tracing(req: Request, res: Response, next: NextFunction): void {
  const tracer = activeTracer();
  if (!tracer) return next();
  const parent = extractHttpTraceHeaders(req.headers);
  const span = tracer.startSpan(req.method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.scheme': req.protocol } }, parent);
  res.once('finish', () => {
    // Express keeps the matched route on the request; unmatched requests (404s) have none.
    const route = (req.route as { path?: unknown } | undefined)?.path;
    if (typeof route === 'string') {
      span.setAttribute('http.route', `${req.baseUrl}${route}`);
      span.updateName(`${req.method} ${req.baseUrl}${route}`);
    }
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  res.once('close', () => {
    if (res.writableFinished) return;
    // The client went away before the answer was sent: 'finish' never comes.
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'connection closed before the response' });
    span.end();
  });
  context.with(trace.setSpan(parent, span), next);
}
