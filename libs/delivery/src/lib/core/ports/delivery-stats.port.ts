import type { SubscriptionKey } from './delivery-store.port';

/**
 * The outcome bucket of one settled piece of work, as the console's Overview counts it:
 * - delivered: an attempt closed the delivery DELIVERED;
 * - retrying: an attempt failed and another one is scheduled;
 * - failed: an attempt failed and closed the delivery EXHAUSTED;
 * - disabled: the delivery closed DISABLED (a 410 / `webhook-delivery: disable` attempt, or unattempted
 *   because its subscription is paused).
 */
export type DeliveryStatsOutcome = 'delivered' | 'retrying' | 'failed' | 'disabled';

export const DELIVERY_STATS_OUTCOMES: readonly DeliveryStatsOutcome[] = ['delivered', 'retrying', 'failed', 'disabled'];

/** One settled attempt (or unattempted close) whose record was applied. */
export interface SettledWork {
  key: SubscriptionKey;
  outcome: DeliveryStatsOutcome;
  /** The HTTP attempt's duration; null when nothing was sent (closed unattempted). */
  durationMs: number | null;
  /** When it settled (epoch ms): the minute it is counted in and the subscription's last success/failure time. */
  at: number;
}

/**
 * Where the engine reports what it settled, for the pre-aggregated delivery stats. Called on the hot path:
 * implementations only add to memory (DeliveryStatsAggregator) and write in the background.
 */
export interface DeliveryStatsSink {
  settled(work: SettledWork): void;
}

export const noDeliveryStats: DeliveryStatsSink = { settled: () => undefined };

/** One tenant-minute's additions: added to the stored row (several processes add into the same minute). */
export interface StatsMinuteRow {
  tenantId: string;
  /** Epoch ms of the minute's start. */
  minute: number;
  delivered: number;
  retrying: number;
  failed: number;
  disabled: number;
  /** HTTP attempts (closings without an attempt are not counted). */
  attempts: number;
  latencyMsSum: number;
}

/** How many attempts of a tenant-minute fell in one latency bucket (LATENCY_BUCKET_BOUNDS_MS). */
export interface StatsLatencyRow {
  tenantId: string;
  minute: number;
  bucket: number;
  count: number;
}

/** A subscription's latest success/failure seen since the last flush; the stored value only ever grows. */
export interface TargetTimesRow {
  key: SubscriptionKey;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
}

/** What one flush writes, in one store call (one transaction). Rows are unique per key and sorted by key. */
export interface DeliveryStatsBatch {
  minutes: StatsMinuteRow[];
  latency: StatsLatencyRow[];
  targets: TargetTimesRow[];
}
