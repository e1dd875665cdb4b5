import type { OperationalEventDataV1, OperationalWebhookBodyV1 } from '@hookrelay/contracts';
import type { DeliverySource } from './ports/delivery-store.port';
import type { OperationalEvent, StoredOperationalEvent } from './ports/operational-events.port';

/** The wire body of an event (webhook and JetStream): snake_case data, ISO time; absent fields stay absent. */
export function operationalEventBody(event: Omit<OperationalEvent, 'id'>): OperationalWebhookBodyV1 {
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

/** The outbox row of an event: its data as the wire body's `data` JSON (what the console and the relay read back). */
export function storedOperationalEvent(event: OperationalEvent): StoredOperationalEvent {
  return { id: event.id, tenantId: event.tenantId, type: event.type, occurredAt: event.occurredAt, data: JSON.stringify(operationalEventBody(event).data) };
}

/** The event of a stored row (the relay's way back from storedOperationalEvent). */
export function operationalEventOf(row: StoredOperationalEvent): OperationalEvent {
  const data = JSON.parse(row.data) as OperationalEventDataV1;
  return {
    id: row.id, tenantId: row.tenantId, type: row.type, occurredAt: row.occurredAt,
    data: {
      source: data.source as DeliverySource, subscriptionId: data.subscription_id,
      ...(data.url !== undefined ? { url: data.url } : {}), ...(data.reason !== undefined ? { reason: data.reason } : {}),
      ...(data.delivery_id !== undefined ? { deliveryId: data.delivery_id } : {}),
    },
  };
}
