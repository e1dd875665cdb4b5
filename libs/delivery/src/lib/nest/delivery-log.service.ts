import { Injectable } from '@nestjs/common';
import { DeliveryAttemptEntity, DeliveryEntity, DeliveryPageQuery, DeliveryRepository } from '@hookrelay/persistence';

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

  find(tenantId: string, id: string): Promise<DeliveryEntity | null> {
    return this.deliveries.findById(tenantId, id);
  }

  attemptsOf(deliveryId: string): Promise<DeliveryAttemptEntity[]> {
    return this.deliveries.attemptsOf(deliveryId);
  }
}
