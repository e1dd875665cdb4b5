import { NewDeliveryRow } from '../core/ports/delivery-store.port';

/**
 * The created_at of an idempotency key: the time of the request that claimed it, i.e. its deliveries'
 * createdAt (the port passes no separate clock, and engine tests with fake clocks stay deterministic).
 * A request that stores no rows falls back to the wall clock.
 */
export function idempotencyCreatedAt(rows: readonly NewDeliveryRow[]): number {
  return rows.length > 0 ? rows[0]!.createdAt : Date.now();
}
