import type { DeliverySource } from './delivery-store.port';

/** The operational events a tenant can watch (wire format: the type names appear in webhooks and subjects). */
export type OperationalEventType = 'subscription.paused' | 'subscription.resumed' | 'delivery.exhausted';

/** What happened, to which subscription (and delivery), framework-free; times are epoch ms. */
export interface OperationalEvent {
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
 * Where the engine reports operational events, after the state change they describe is committed. The Nest
 * adapter stores each one, delivers it to the tenant's operational webhook and publishes it on JetStream
 * (ADR 0012). The engine never lets a failure here fail the delivery work (OperationalEventEmitter).
 */
export interface OperationalEvents {
  emit(event: OperationalEvent): Promise<void>;
}

/** No events (unit tests, tools). */
export const NO_OPERATIONAL_EVENTS: OperationalEvents = { emit: async () => undefined };
