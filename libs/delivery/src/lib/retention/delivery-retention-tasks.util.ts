import type { DeliveryStore } from '../core/ports/delivery-store.port';
import { RetentionTask, singleTableRetentionTask } from './retention-task.types';

/** The delivery stats keep 8 days (the Overview shows one at most), or the retention horizon if shorter. */
export const STATS_RETENTION_MS = 8 * 86_400_000;

/**
 * The delivery engine's own retention: closed deliveries with their attempts past `horizonMs` (open ones
 * never), idempotency keys past their window (they are honoured that long only, whatever the horizon), and
 * the pre-aggregated delivery stats past STATS_RETENTION_MS (or `horizonMs` if shorter; 0 = forever for
 * deliveries, but the stats still go after 8 days).
 */
export function deliveryRetentionTasks(store: DeliveryStore, horizonMs: number, idempotencyWindowMs: number): RetentionTask[] {
  return [
    {
      name: 'deliveries',
      horizonMs,
      prune: async (before, limit) => {
        const pruned = await store.pruneClosedDeliveries(before, limit);
        return { rows: pruned.deliveries, deleted: { deliveries: pruned.deliveries, delivery_attempts: pruned.attempts } };
      },
    },
    singleTableRetentionTask('idempotency-keys', 'delivery_idempotency_keys', idempotencyWindowMs, (before, limit) => store.pruneIdempotencyKeys(before, limit)),
    {
      name: 'delivery-stats',
      horizonMs: horizonMs > 0 ? Math.min(horizonMs, STATS_RETENTION_MS) : STATS_RETENTION_MS,
      prune: async (before, limit) => {
        const pruned = await store.pruneStats(before, limit);
        return { rows: pruned.minutes, deleted: { delivery_stats_minutes: pruned.minutes, delivery_stats_latency: pruned.latency } };
      },
    },
  ];
}
