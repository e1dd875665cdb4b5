import { Controller, Get, Header } from '@nestjs/common';
import { collectDefaultMetrics, register } from 'prom-client';

let defaultsCollected = false;

/** Process, event-loop and GC metrics once per process, beside each lib's own metrics. */
export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ prefix: 'hookrelay_' });
}

/** `GET /metrics` in the Prometheus text format (the gateway's port, or a service's OPS_PORT). */
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('content-type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
