import type { OperationalWebhookBodyV1 } from '@hookrelay/contracts';
import type { OperationalEvent } from '../core/ports/operational-events.port';

/** The wire body of an event (webhook and JetStream): snake_case data, ISO time; absent fields stay absent. */
export function operationalEventBody(event: OperationalEvent): OperationalWebhookBodyV1 {
  const { source, subscriptionId, url, reason, deliveryId } = event.data;
  return {
    type: event.type,
    timestamp: new Date(event.occurredAt).toISOString(),
    data: {
      source, subscription_id: subscriptionId,
      ...(url !== undefined ? { url } : {}), ...(reason !== undefined ? { reason } : {}), ...(deliveryId !== undefined ? { delivery_id: deliveryId } : {}),
    },
  };
}
