import { TracingSwitches, tracingWanted } from './tracing-wanted.util';

describe('tracingWanted', () => {
  it.each<[string, TracingSwitches, boolean]>([
    ['nothing set: off (no SDK, API no-ops)', {}, false],
    ['an OTLP endpoint', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, true],
    ['a traces endpoint', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }, true],
    ['a blank endpoint', { OTEL_EXPORTER_OTLP_ENDPOINT: '  ' }, false],
    ['OTEL_TRACES_EXPORTER=otlp (SDK default endpoint)', { OTEL_TRACES_EXPORTER: 'otlp' }, true],
    ['OTEL_TRACES_EXPORTER in a list, any case', { OTEL_TRACES_EXPORTER: 'console, OTLP' }, true],
    ['OTEL_TRACES_EXPORTER=none wins over an endpoint', { OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }, false],
    ['OTEL_SDK_DISABLED=true wins over everything', { OTEL_SDK_DISABLED: 'TRUE', OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }, false],
    ['OTEL_SDK_DISABLED=false changes nothing', { OTEL_SDK_DISABLED: 'false', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }, true],
    ['another exporter only: off (only OTLP is shipped)', { OTEL_TRACES_EXPORTER: 'zipkin' }, false],
  ])('%s', (_case, env, expected) => {
    expect(tracingWanted(env)).toBe(expected);
  });
});
