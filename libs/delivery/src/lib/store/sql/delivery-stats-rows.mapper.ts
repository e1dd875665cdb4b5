import type { DeliveryStatsBatch } from '../../core/ports/delivery-stats.port';

/** One flush's rows as the SQLite statements bind them (named parameters, snake_case). */
export interface StatsParams {
  minutes: Array<{
    tenant_id: string; minute: number; delivered: number; retrying: number; failed: number; disabled: number; attempts: number; latency_ms_sum: number;
  }>;
  latency: Array<{ tenant_id: string; minute: number; bucket: number; count: number }>;
  targets: Array<{ tenant_id: string; source: string; subscription_id: string; last_success_at: number | null; last_failure_at: number | null }>;
}

export function statsParams(batch: DeliveryStatsBatch): StatsParams {
  return {
    minutes: batch.minutes.map((m) => ({
      tenant_id: m.tenantId, minute: m.minute, delivered: m.delivered, retrying: m.retrying, failed: m.failed, disabled: m.disabled,
      attempts: m.attempts, latency_ms_sum: m.latencyMsSum,
    })),
    latency: batch.latency.map((l) => ({ tenant_id: l.tenantId, minute: l.minute, bucket: l.bucket, count: l.count })),
    targets: batch.targets.map((t) => ({
      tenant_id: t.key.tenantId, source: t.key.source, subscription_id: t.key.subscriptionId, last_success_at: t.lastSuccessAt, last_failure_at: t.lastFailureAt,
    })),
  };
}

/** The same rows as one array per column, for PostgreSQL's unnest() (PG_STATEMENTS.statsAdd, $1…$17). */
export function statsColumns(batch: DeliveryStatsBatch): unknown[] {
  const { minutes: m, latency: l, targets: t } = batch;
  return [
    m.map((r) => r.tenantId), m.map((r) => r.minute), m.map((r) => r.delivered), m.map((r) => r.retrying), m.map((r) => r.failed),
    m.map((r) => r.disabled), m.map((r) => r.attempts), m.map((r) => r.latencyMsSum),
    l.map((r) => r.tenantId), l.map((r) => r.minute), l.map((r) => r.bucket), l.map((r) => r.count),
    t.map((r) => r.key.tenantId), t.map((r) => r.key.source), t.map((r) => r.key.subscriptionId), t.map((r) => r.lastSuccessAt), t.map((r) => r.lastFailureAt),
  ];
}
