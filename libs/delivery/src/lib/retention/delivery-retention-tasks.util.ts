import type { DeliveryStore } from '../core/ports/delivery-store.port';
import type { RetentionTask } from './retention-task.types';

/**
 * The delivery engine's own retention: closed deliveries with their attempts past `horizonMs` (open ones
 * never), and idempotency keys past their window (they are honoured that long only, whatever the horizon).
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
    {
      name: 'idempotency-keys',
      horizonMs: idempotencyWindowMs,
      prune: async (before, limit) => {
        const keys = await store.pruneIdempotencyKeys(before, limit);
        return { rows: keys, deleted: { delivery_idempotency_keys: keys } };
      },
    },
  ];
}
