import type { SubscriptionKey } from '../core/ports/delivery-store.port';
import type { DeliveryStatsBatch, DeliveryStatsSink, SettledWork, StatsLatencyRow, StatsMinuteRow, TargetTimesRow } from '../core/ports/delivery-stats.port';
import { latencyBucket } from './latency-bucket.util';

const MINUTE_MS = 60_000;

/**
 * The delivery stats of one process, in memory until the next flush (DeliveryStatsFlusher): per tenant and
 * minute the count of each outcome, the attempts, their summed and bucketed durations; per subscription its
 * latest success and failure. `settled` is called once per settled attempt on the hot path and only touches
 * maps: a few hash lookups, no I/O. `drain` hands everything over as one batch and starts afresh; `absorb`
 * takes a batch back (its write failed) so nothing counted is lost while the process lives.
 */
export class DeliveryStatsAggregator implements DeliveryStatsSink {
  private minutes = new Map<string, StatsMinuteRow>();
  private latency = new Map<string, StatsLatencyRow>();
  private targets = new Map<string, TargetTimesRow>();

  settled(work: SettledWork): void {
    const minute = work.at - (work.at % MINUTE_MS);
    const row = this.minuteRow(work.key.tenantId, minute);
    row[work.outcome]++;
    if (work.durationMs === null) return;
    const durationMs = Math.max(0, Math.round(work.durationMs));
    row.attempts++;
    row.latencyMsSum += durationMs;
    this.latencyRow(work.key.tenantId, minute, latencyBucket(durationMs)).count++;
    const times = this.targetRow(work.key);
    if (work.outcome === 'delivered') times.lastSuccessAt = Math.max(times.lastSuccessAt ?? 0, work.at);
    else times.lastFailureAt = Math.max(times.lastFailureAt ?? 0, work.at);
  }

  get isEmpty(): boolean {
    return this.minutes.size === 0 && this.targets.size === 0;
  }

  /**
   * Everything counted since the last drain, rows sorted by their primary key: concurrent flushes of several
   * processes then lock the shared rows in the same order (no deadlock between them on PostgreSQL).
   */
  drain(): DeliveryStatsBatch {
    const batch: DeliveryStatsBatch = {
      minutes: [...this.minutes.entries()].sort(byKey).map(([, row]) => row),
      latency: [...this.latency.entries()].sort(byKey).map(([, row]) => row),
      targets: [...this.targets.entries()].sort(byKey).map(([, row]) => row),
    };
    this.minutes = new Map();
    this.latency = new Map();
    this.targets = new Map();
    return batch;
  }

  /** Adds a drained batch back (its write failed): it goes out with the next flush. */
  absorb(batch: DeliveryStatsBatch): void {
    for (const m of batch.minutes) {
      const row = this.minuteRow(m.tenantId, m.minute);
      row.delivered += m.delivered;
      row.retrying += m.retrying;
      row.failed += m.failed;
      row.disabled += m.disabled;
      row.attempts += m.attempts;
      row.latencyMsSum += m.latencyMsSum;
    }
    for (const l of batch.latency) this.latencyRow(l.tenantId, l.minute, l.bucket).count += l.count;
    for (const t of batch.targets) {
      const row = this.targetRow(t.key);
      row.lastSuccessAt = maxOf(row.lastSuccessAt, t.lastSuccessAt);
      row.lastFailureAt = maxOf(row.lastFailureAt, t.lastFailureAt);
    }
  }

  private minuteRow(tenantId: string, minute: number): StatsMinuteRow {
    const key = `${tenantId}\u0000${pad(minute)}`;
    let row = this.minutes.get(key);
    if (!row) {
      row = { tenantId, minute, delivered: 0, retrying: 0, failed: 0, disabled: 0, attempts: 0, latencyMsSum: 0 };
      this.minutes.set(key, row);
    }
    return row;
  }

  private latencyRow(tenantId: string, minute: number, bucket: number): StatsLatencyRow {
    const key = `${tenantId}\u0000${pad(minute)}\u0000${pad(bucket)}`;
    let row = this.latency.get(key);
    if (!row) {
      row = { tenantId, minute, bucket, count: 0 };
      this.latency.set(key, row);
    }
    return row;
  }

  private targetRow(subscription: SubscriptionKey): TargetTimesRow {
    const key = `${subscription.tenantId}\u0000${subscription.source}\u0000${subscription.subscriptionId}`;
    let row = this.targets.get(key);
    if (!row) {
      row = { key: { ...subscription }, lastSuccessAt: null, lastFailureAt: null };
      this.targets.set(key, row);
    }
    return row;
  }
}

/** Fixed-width numbers so the string keys sort like the (tenant, number) primary keys. */
function pad(n: number): string {
  return String(n).padStart(16, '0');
}

function byKey<T>(a: [string, T], b: [string, T]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
