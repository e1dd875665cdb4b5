import type { DeliverySource } from './delivery-store.port';

/** The operational events a tenant can watch (wire format: the type names appear in webhooks and subjects). */
export type OperationalEventType = 'subscription.paused' | 'subscription.resumed' | 'delivery.exhausted';

/** What happened, to which subscription (and delivery), framework-free; times are epoch ms. */
export interface OperationalEvent {
  /** Time-ordered (timeOrderedId of occurredAt): the outbox row's key, the webhook's idempotency key, the JetStream msgID. */
  id: string;
  tenantId: string;
  type: OperationalEventType;
  occurredAt: number;
  data: {
    source: DeliverySource;
    subscriptionId: string;
    url?: string | null;
    /** Why it paused ('manual' for an operator's pause; the failure otherwise) or why it was exhausted. */
    reason?: string | null;
    deliveryId?: string;
  };
}

/**
 * An event as the store keeps it (table operational_events): written in the same transaction as the state
 * change it describes (the outbox), `data` being the wire body's `data` object as JSON text.
 */
export interface StoredOperationalEvent {
  id: string;
  tenantId: string;
  type: OperationalEventType;
  occurredAt: number;
  data: string;
}

/**
 * Where a stored event goes next (ADR 0012): the Nest adapter delivers it to the tenant's operational webhook
 * (if it has one for the type) and publishes it on JetStream. Called after the commit that stored it, and
 * again by the relay for an event still undispatched a while later (a process died in between, or this
 * failed), so it must be idempotent by event id: the webhook delivery is accepted under an idempotency key
 * made of the id, the JetStream publish carries the id as msgID. Resolves the webhook delivery's id or null.
 */
export interface OperationalEvents {
  dispatch(event: OperationalEvent): Promise<string | null>;
}

/** No dispatch (unit tests, tools): the events are still stored, and marked dispatched. */
export const NO_OPERATIONAL_EVENTS: OperationalEvents = { dispatch: async () => null };
