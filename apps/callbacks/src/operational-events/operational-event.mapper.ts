import { OperationalEventDataV1, OperationalEventView, OperationalWebhookView, OperationalEventTypeV1 } from '@hookrelay/contracts';
import type { OperationalWebhookRegistration } from '@hookrelay/delivery';
import type { OperationalEventEntity } from '@hookrelay/persistence';

export function toOperationalEventView(event: OperationalEventEntity): OperationalEventView {
  return {
    id: event.id, type: event.type, occurred_at: event.occurredAt.toISOString(), data: JSON.parse(event.data) as OperationalEventDataV1, delivery_id: event.deliveryId,
  };
}

export function toOperationalWebhookView(registration: OperationalWebhookRegistration): OperationalWebhookView {
  return {
    url: registration.url, events: registration.events as OperationalEventTypeV1[], created_at: registration.createdAt.toISOString(),
    updated_at: registration.updatedAt.toISOString(),
  };
}
