import { Counter, Histogram } from 'prom-client';
import type { EngineMetrics } from '../core/ports/engine-metrics.port';

/** Prometheus metrics of the delivery engine (one registry per process: prom-client's default). */
export const deliveryMetrics = {
  attempts: new Counter({
    name: 'hookrelay_delivery_attempts_total',
    help: 'HTTP delivery attempts, by source and outcome (delivered, retry, disable, fail)',
    labelNames: ['source', 'outcome'] as const,
  }),
  closed: new Counter({
    name: 'hookrelay_deliveries_closed_total',
    help: 'Deliveries closed, by source and close reason',
    labelNames: ['source', 'close_reason'] as const,
  }),
  attemptSeconds: new Histogram({
    name: 'hookrelay_delivery_attempt_duration_seconds',
    help: 'Duration of one HTTP delivery attempt',
    labelNames: ['source'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  }),
  accepted: new Counter({
    name: 'hookrelay_deliveries_accepted_total',
    help: 'Deliveries stored and queued (accepted), by source',
    labelNames: ['source'] as const,
  }),
  retentionDeleted: new Counter({
    name: 'hookrelay_retention_deleted_rows_total',
    help: 'Rows deleted by retention, by table',
    labelNames: ['table'] as const,
  }),
  retentionBatchSeconds: new Histogram({
    name: 'hookrelay_retention_batch_duration_seconds',
    help: 'Duration of one retention batch (how long a sweep holds the database at once)',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  }),
  parked: new Counter({
    name: 'hookrelay_delivery_jobs_parked_total',
    help: 'Jobs parked in the database because their endpoint or tenant was at its concurrency cap',
    labelNames: ['source'] as const,
  }),
};

export const prometheusEngineMetrics: EngineMetrics = {
  accepted: (source, count) => deliveryMetrics.accepted.inc({ source }, count),
  attempted: (source, outcome, seconds) => {
    deliveryMetrics.attempts.inc({ source, outcome });
    deliveryMetrics.attemptSeconds.observe({ source }, seconds);
  },
  closed: (source, reason) => deliveryMetrics.closed.inc({ source, close_reason: reason }),
  parked: (source) => deliveryMetrics.parked.inc({ source }),
};
