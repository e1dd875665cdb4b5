import { inSpan, traceparentOf } from '@hookrelay/messaging';
import { context, SpanKind } from '@opentelemetry/api';
import type { EngineTrace } from '../core/ports/engine-trace.port';

/**
 * The engine's accepts as OpenTelemetry spans (used only when tracing is on): a child of the service's
 * request span, whose traceparent is stored with the deliveries and sent with their jobs.
 */
export const OTEL_ENGINE_TRACE: EngineTrace = {
  accept: (deliveries, work) => inSpan('delivery accept', SpanKind.INTERNAL, { 'hookrelay.deliveries': deliveries },
    () => work(traceparentOf(context.active()) ?? null)),
};
