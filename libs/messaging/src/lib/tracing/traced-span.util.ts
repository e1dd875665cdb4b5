import { Context, context, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { activeTracer } from './tracing';

/**
 * Runs `work` inside a new span (the active one while it runs) and ends the span when it settles; an
 * error marks the span and is rethrown. With tracing off it is `work()` with no span and no context change.
 */
export async function inSpan<T>(
  name: string, kind: SpanKind, attributes: Record<string, string | number>, work: (span: Span | null) => Promise<T>, parent: Context = context.active(),
): Promise<T> {
  const tracer = activeTracer();
  if (!tracer) return work(null);
  const span = tracer.startSpan(name, { kind, attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : undefined });
    throw error;
  } finally {
    span.end();
  }
}
