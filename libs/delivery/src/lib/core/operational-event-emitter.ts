import type { Clock } from './ports/clock.port';
import type { SubscriptionKey } from './ports/delivery-store.port';
import { NO_OPERATIONAL_EVENTS, OperationalEvent, OperationalEvents } from './ports/operational-events.port';

/**
 * The engine's side of operational events: never about an operational webhook itself (its own pause or
 * exhaustion would produce events to itself: a loop), and never failing the caller — the state change has
 * been committed already, so an event that cannot be emitted is logged and lost (a process dying between
 * the change and the event loses it the same way; ADR 0012).
 */
export class OperationalEventEmitter {
  constructor(
    private readonly events: OperationalEvents = NO_OPERATIONAL_EVENTS,
    private readonly clock: Clock,
    private readonly warn: (message: string) => void,
  ) {}

  async emit(type: OperationalEvent['type'], key: SubscriptionKey, data: Omit<OperationalEvent['data'], 'source' | 'subscriptionId'>): Promise<void> {
    if (key.source === 'operational_webhook') return;
    try {
      await this.events.emit({ tenantId: key.tenantId, type, occurredAt: this.clock.now(), data: { source: key.source, subscriptionId: key.subscriptionId, ...data } });
    } catch (error) {
      this.warn(`operational event ${type} of subscription ${key.source}/${key.subscriptionId} (tenant ${key.tenantId}) lost: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
