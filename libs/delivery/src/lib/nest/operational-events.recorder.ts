import { JSONCodec, NatsConnection } from 'nats';
import { operationalEventSubjectV1, OperationalEventMessageV1, OperationalEventTypeV1 } from '@hookrelay/contracts';
import { OperationalEventRepository, OperationalWebhookRepository, timeOrderedId } from '@hookrelay/persistence';
import type { NewDelivery } from '../core/delivery-intake';
import type { SubscriptionKey } from '../core/ports/delivery-store.port';
import type { OperationalEvent, OperationalEvents } from '../core/ports/operational-events.port';
import type { ResolvedTarget } from '../core/target-cache';
import { operationalEventBody } from './operational-event-body.util';

const codec = JSONCodec<OperationalEventMessageV1>();

/** The operational webhook's key: one per tenant. */
export const operationalWebhookKey = (tenantId: string): SubscriptionKey => ({ tenantId, source: 'operational_webhook', subscriptionId: tenantId });

/** What the recorder needs of the engine (bound after the engine exists: the engine needs the recorder first). */
export interface OperationalEventDelivery {
  target(key: SubscriptionKey): Promise<ResolvedTarget | null>;
  /** Accepts one delivery through the engine's intake; resolves its id. */
  accept(delivery: NewDelivery): Promise<string>;
}

/**
 * The Nest side of OperationalEvents (ADR 0012). Each event: (b) a delivery to the tenant's operational webhook
 * if it has one subscribed to the type — through the engine's intake, so it is durable, retried and signed like
 * any delivery; (a) a row in operational_events (with that delivery's id); (c) a JetStream message on
 * `delivery.operational-event.<type>.v1` with tenant_id, for internal consumers. Each step fails alone (logged):
 * the stored row is what the console shows, the others are best effort once it failed.
 * Budget per event: 1 read of operational_webhooks, 0-1 accept (1 group-committed write + 1 publish), 1 insert, 1 publish.
 */
export class OperationalEventsRecorder implements OperationalEvents {
  constructor(
    private readonly events: OperationalEventRepository,
    private readonly webhooks: OperationalWebhookRepository,
    private readonly nc: NatsConnection,
    private readonly delivery: () => OperationalEventDelivery,
    private readonly warn: (message: string) => void,
  ) {}

  async emit(event: OperationalEvent): Promise<void> {
    const id = timeOrderedId(event.occurredAt);
    const body = operationalEventBody(event);
    const deliveryId = await this.deliver(event, JSON.stringify(body)).catch((error: unknown) => {
      this.warn(`operational event ${event.type} of tenant ${event.tenantId}: no delivery to its operational webhook: ${messageOf(error)}`);
      return null;
    });
    try {
      await this.events.add({ id, tenantId: event.tenantId, type: event.type, occurredAt: new Date(event.occurredAt), data: JSON.stringify(body.data), deliveryId });
    } finally {
      await this.publish(id, event.type, { ...body, tenant_id: event.tenantId }).catch((error: unknown) => {
        this.warn(`operational event ${event.type} of tenant ${event.tenantId} not published: ${messageOf(error)}`);
      });
    }
  }

  private async deliver(event: OperationalEvent, payload: string): Promise<string | null> {
    const registration = await this.webhooks.findByTenant(event.tenantId);
    if (!registration || !registration.events.split(',').includes(event.type)) return null;
    const key = operationalWebhookKey(event.tenantId);
    const target = await this.delivery().target(key);
    if (!target?.config) return null;
    return this.delivery().accept({
      tenantId: event.tenantId, source: key.source, subscriptionId: key.subscriptionId, url: target.config.url, event: event.type, payload,
      headers: {}, policy: target.config.policy, authorization: null,
    });
  }

  /** msgID = the event id: a repeated publish inside the stream's duplicate window is stored once. */
  private async publish(id: string, type: OperationalEventTypeV1, message: OperationalEventMessageV1): Promise<void> {
    if (this.nc.isClosed()) return;
    await this.nc.jetstream().publish(operationalEventSubjectV1(type), codec.encode(message), { msgID: id });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
