import { trace, Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { TracingSwitches, tracingWanted } from './tracing-wanted.util';

/**
 * The process's tracer, or null while tracing is off. Every instrumented hot path checks this one
 * module-level value first, so with tracing off a request costs one null check per span site: no span
 * objects, no header writes, no context switches.
 */
let tracer: Tracer | null = null;
let provider: NodeTracerProvider | null = null;

export function activeTracer(): Tracer | null {
  return tracer;
}

/**
 * Starts the OpenTelemetry SDK when the OTEL_* variables ask for it (see tracingWanted); a no-op otherwise.
 * `env` is the app's validated env class (CommonEnv declares the switches). The SDK reads the standard
 * variables itself: OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT and _HEADERS, OTEL_TRACES_SAMPLER(_ARG), OTEL_BSP_*,
 * OTEL_RESOURCE_ATTRIBUTES; `service.name` is OTEL_SERVICE_NAME or the app's name. Spans go out as OTLP/HTTP JSON in batches, never on the request path.
 */
export function startTracing(appName: string, env: TracingSwitches): boolean {
  if (tracer || !tracingWanted(env)) return tracer !== null;
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: appName })
    .merge(detectResources({ detectors: [envDetector] }));
  provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  // Global provider and the AsyncLocalStorage context manager: a span started in a request stays the
  // active parent through every await of that request.
  provider.register();
  tracer = trace.getTracer('hookrelay');
  return true;
}

/** Sends the spans still batched (on shutdown); resolves at once when tracing is off. */
export async function stopTracing(): Promise<void> {
  const running = provider;
  tracer = null;
  provider = null;
  await running?.shutdown().catch(() => undefined);
}
