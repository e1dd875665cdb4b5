import { JSONCodec, NatsConnection } from 'nats';
import { operationalEventSubjectV1, OperationalEventMessageV1, OperationalEventTypeV1 } from '@hookrelay/contracts';
import { OperationalWebhookRepository } from '@hookrelay/persistence';
import type { NewDelivery } from '../core/delivery-intake';
import { operationalEventBody } from '../core/operational-event-body';
import type { SubscriptionKey } from '../core/ports/delivery-store.port';
import type { OperationalEvent, OperationalEvents } from '../core/ports/operational-events.port';
import type { ResolvedTarget } from '../core/target-cache';

const codec = JSONCodec<OperationalEventMessageV1>();

/** The operational webhook's key: one per tenant. */
export const operationalWebhookKey = (tenantId: string): SubscriptionKey => ({ tenantId, source: 'operational_webhook', subscriptionId: tenantId });

/** The idempotency key of an event's webhook delivery: a repeated dispatch (the relay) accepts it once. */
export const operationalEventIdempotencyKey = (eventId: string): string => `operational-event:${eventId}`;

/** What the dispatcher needs of the engine (bound after the engine exists: the engine needs the dispatcher first). */
export interface OperationalEventDelivery {
  target(key: SubscriptionKey): Promise<ResolvedTarget | null>;
  /** Accepts one delivery through the engine's intake under the idempotency key; resolves its id (the first one's, for a repeated key). */
  accept(delivery: NewDelivery, idempotencyKey: string): Promise<string>;
}

/**
 * The Nest side of OperationalEvents (ADR 0012): dispatches one event the engine has stored (the outbox row is
 * written with the state change, by the store). (a) A delivery to the tenant's operational webhook if it has one
 * subscribed to the type — through the engine's intake, so it is durable, retried and signed like any delivery,
 * under the idempotency key `operational-event:<event id>`; (b) a JetStream message on
 * `delivery.operational-event.<type>.v1` with tenant_id and msgID = event id. Either failing rejects: the
 * engine leaves the event undispatched and its relay calls again; both steps are idempotent by event id
 * (the relay works within the 24 h idempotency window; JetStream drops a repeated msgID within the stream's
 * duplicate window, beyond it an internal consumer may see an event twice — at least once).
 * Budget per event: 1 read of operational_webhooks, 0-1 accept (1 group-committed write + 1 publish), 1 publish.
 */
export class OperationalEventsDispatcher implements OperationalEvents {
  constructor(
    private readonly webhooks: OperationalWebhookRepository,
    private readonly nc: NatsConnection,
    private readonly delivery: () => OperationalEventDelivery,
  ) {}

  async dispatch(event: OperationalEvent): Promise<string | null> {
    const body = operationalEventBody(event);
    const deliveryId = await this.deliver(event, JSON.stringify(body));
    await this.publish(event.id, event.type, { ...body, tenant_id: event.tenantId });
    return deliveryId;
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
    }, operationalEventIdempotencyKey(event.id));
  }

  private async publish(id: string, type: OperationalEventTypeV1, message: OperationalEventMessageV1): Promise<void> {
    if (this.nc.isClosed()) throw new Error('NATS connection closed');
    await this.nc.jetstream().publish(operationalEventSubjectV1(type), codec.encode(message), { msgID: id });
  }
}
