import type { DeliverySource } from './delivery-store.port';

/** What the engine reports as it works (Prometheus in the Nest adapter; nothing in unit tests). */
export interface EngineMetrics {
  accepted(source: DeliverySource, count: number): void;
  attempted(source: DeliverySource, outcome: string, seconds: number): void;
  closed(source: DeliverySource, reason: string): void;
  parked(source: DeliverySource): void;
}

export const noMetrics: EngineMetrics = { accepted: () => undefined, attempted: () => undefined, closed: () => undefined, parked: () => undefined };
