import { Injectable } from '@nestjs/common';
import { DeliveryAttemptEntity, DeliveryEntity, DeliveryKeysetQuery, DeliveryLogRow, DeliveryPageQuery, DeliveryRepository, LatestAttempt } from '@hookrelay/persistence';

/**
 * The read side of the delivery log (GET /callback and friends): pages, one delivery, its attempts.
 * Only the engine touches the delivery tables; apps read them through this.
 */
@Injectable()
export class DeliveryLog {
  constructor(private readonly deliveries: DeliveryRepository) {}

  page(tenantId: string, query: DeliveryPageQuery): Promise<DeliveryEntity[]> {
    return this.deliveries.page(tenantId, query);
  }

  /** Hookrelay's own log and bulk replay jobs: a newest-first keyset page (no payloads). */
  keysetPage(tenantId: string, query: DeliveryKeysetQuery): Promise<DeliveryLogRow[]> {
    return this.deliveries.keysetPage(tenantId, query);
  }

  /** The latest attempt of each delivery of a page (ids from a tenant-scoped page). */
  latestAttemptsOf(deliveryIds: readonly string[]): Promise<Map<string, LatestAttempt>> {
    return this.deliveries.latestAttemptsOf(deliveryIds);
  }

  /** How many of the tenant's recalls wait for their attempt, counted up to cap + 1 (bulk replay's throttle). */
  countRecallsInFlight(tenantId: string, cap: number): Promise<number> {
    return this.deliveries.countRecallsInFlight(tenantId, cap);
  }

  find(tenantId: string, id: string): Promise<DeliveryEntity | null> {
    return this.deliveries.findById(tenantId, id);
  }

  attemptsOf(deliveryId: string): Promise<DeliveryAttemptEntity[]> {
    return this.deliveries.attemptsOf(deliveryId);
  }
}
