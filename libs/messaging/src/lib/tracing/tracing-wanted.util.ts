/** The standard OTEL_* variables that decide whether this process exports traces at all. */
export interface TracingSwitches {
  OTEL_SDK_DISABLED?: string;
  OTEL_TRACES_EXPORTER?: string;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
}

/**
 * Tracing is off unless asked for: an OTLP endpoint is set or `OTEL_TRACES_EXPORTER=otlp`. The SDK's own
 * default (export to localhost:4318 whenever it is started) would make every process without a collector
 * build, batch and fail to send spans; off means no SDK at all, only the API's no-ops.
 * `OTEL_SDK_DISABLED=true` and `OTEL_TRACES_EXPORTER=none` win over an endpoint, as the spec says.
 */
export function tracingWanted(env: TracingSwitches): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  if (exporters.includes('none')) return false;
  if (exporters.includes('otlp')) return true;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}
