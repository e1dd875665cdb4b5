import { DataSource } from 'typeorm';

/** One stored tenant-minute's outcome counts. */
export interface StatsMinuteCounts {
  minute: number;
  delivered: number;
  retrying: number;
  failed: number;
  disabled: number;
}

/** Attempts of a window in one latency bucket. */
export interface LatencyBucketCount {
  bucket: number;
  count: number;
}

const toNumber = (value: unknown): number => Number(value ?? 0);

/**
 * The read side of the pre-aggregated delivery stats (GET /hookrelay/v1/stats). Raw SQL with named
 * parameters (the driver turns them into `?` or `$n`): each query is one index range scan whose size does
 * not grow with the deliveries stored. Every query is scoped by tenant. The delivery engine writes these
 * tables (libs/delivery); only libs/delivery imports this.
 */
export class DeliveryStatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The tenant's minute rows with from ≤ minute < to, oldest first (primary key tenant_id+minute: a range scan). */
  async minutes(tenantId: string, from: number, to: number): Promise<StatsMinuteCounts[]> {
    const rows = await this.query<Record<keyof StatsMinuteCounts, unknown>>(
      `SELECT minute, delivered, retrying, failed, disabled FROM delivery_stats_minutes
        WHERE tenant_id = :tenantId AND minute >= :from AND minute < :to ORDER BY minute`,
      { tenantId, from, to },
    );
    return rows.map((r) => ({
      minute: toNumber(r.minute), delivered: toNumber(r.delivered), retrying: toNumber(r.retrying), failed: toNumber(r.failed), disabled: toNumber(r.disabled),
    }));
  }

  /** The window's attempts per latency bucket (primary key tenant_id+minute+bucket: a range scan, at most 1,440 minutes × 17 buckets). */
  async latencyHistogram(tenantId: string, from: number, to: number): Promise<LatencyBucketCount[]> {
    const rows = await this.query<{ bucket: unknown; count: unknown }>(
      `SELECT bucket, SUM(count) AS count FROM delivery_stats_latency
        WHERE tenant_id = :tenantId AND minute >= :from AND minute < :to GROUP BY bucket ORDER BY bucket`,
      { tenantId, from, to },
    );
    return rows.map((r) => ({ bucket: toNumber(r.bucket), count: toNumber(r.count) }));
  }

  /**
   * The tenant's deliveries not closed, counted up to `cap` + 1 (so a caller can tell "more than cap"): an
   * index range scan of ix_deliveries_tenant_state_created over the open states that stops at the limit.
   */
  async countOpen(tenantId: string, cap: number): Promise<number> {
    const rows = await this.query<{ n: unknown }>(
      `SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM deliveries WHERE tenant_id = :tenantId AND state IN ('OPEN', 'PROCESSING') LIMIT :limit) AS open_rows`,
      { tenantId, limit: cap + 1 },
    );
    return toNumber(rows[0]?.n);
  }

  /** The tenant's paused subscriptions (ix_delivery_targets_paused: tenant_id, paused_at). */
  async countPaused(tenantId: string): Promise<number> {
    const rows = await this.query<{ n: unknown }>(
      `SELECT COUNT(*) AS n FROM delivery_targets WHERE tenant_id = :tenantId AND paused_at IS NOT NULL`,
      { tenantId },
    );
    return toNumber(rows[0]?.n);
  }

  private async query<R>(sql: string, parameters: Record<string, string | number>): Promise<R[]> {
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(sql, parameters, {});
    return (await this.dataSource.query(text, values)) as R[];
  }
}
