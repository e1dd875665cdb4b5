import { timeOrderedId } from '@hookrelay/persistence';
import { operationalEventOf, storedOperationalEvent } from './operational-event-body';
import type { Clock } from './ports/clock.port';
import type { DeliveryStore, SubscriptionKey } from './ports/delivery-store.port';
import { NO_OPERATIONAL_EVENTS, OperationalEvent, OperationalEvents, StoredOperationalEvent } from './ports/operational-events.port';

/** An undispatched event is the relay's once it is this old (the dispatch right after its commit had its chance). */
export const OPERATIONAL_EVENT_RELAY_GRACE_MS = 30_000;
/** …and until this old: within the 24 h idempotency window a repeated webhook accept is still recognised. */
export const OPERATIONAL_EVENT_RELAY_MAX_AGE_MS = 23 * 3_600_000;
const RELAY_BATCH = 100;

/** The state change an event is stored with: its outbox row for the store, and the event to dispatch after the commit. */
export interface PreparedOperationalEvent {
  event: OperationalEvent;
  row: StoredOperationalEvent;
}

/**
 * The engine's side of operational events (ADR 0012), an outbox:
 * 1. `prepare` makes the event before the state change; the store writes its row in the same transaction as
 *    the change, only if the change applied — so a committed pause or exhaustion always has its event.
 * 2. `dispatch` right after the commit hands it to the OperationalEvents port (operational webhook delivery,
 *    JetStream) and marks it dispatched. A failure only logs: the row stays undispatched.
 * 3. `relay` (the scheduler runner, every few seconds) dispatches what is still undispatched after
 *    OPERATIONAL_EVENT_RELAY_GRACE_MS — a process that died between the commit and the dispatch, or a failed one.
 *    The port is idempotent by event id, so a replica relaying the same event twice does no harm.
 * Never about an operational webhook itself: its own pause or exhaustion would produce events to itself (a loop).
 */
export class OperationalEventEmitter {
  constructor(
    private readonly store: Pick<DeliveryStore, 'pendingOperationalEvents' | 'markOperationalEventDispatched'>,
    private readonly events: OperationalEvents = NO_OPERATIONAL_EVENTS,
    private readonly clock: Clock,
    private readonly warn: (message: string) => void,
  ) {}

  /** The event of a change about to be stored; null for the operational webhook's own subscription. */
  prepare(type: OperationalEvent['type'], key: SubscriptionKey, data: Omit<OperationalEvent['data'], 'source' | 'subscriptionId'>): PreparedOperationalEvent | null {
    if (key.source === 'operational_webhook') return null;
    const occurredAt = this.clock.now();
    const event: OperationalEvent = { id: timeOrderedId(occurredAt), tenantId: key.tenantId, type, occurredAt, data: { source: key.source, subscriptionId: key.subscriptionId, ...data } };
    return { event, row: storedOperationalEvent(event) };
  }

  /** After the commit that stored it (only if the change applied). Never throws: a failed dispatch is the relay's. */
  async dispatch(prepared: PreparedOperationalEvent | null): Promise<void> {
    if (prepared) await this.dispatchOne(prepared.event);
  }

  /** Dispatches up to a batch of events left undispatched; resolves how many went out. */
  async relay(): Promise<number> {
    const now = this.clock.now();
    const pending = await this.store.pendingOperationalEvents(now - OPERATIONAL_EVENT_RELAY_MAX_AGE_MS, now - OPERATIONAL_EVENT_RELAY_GRACE_MS, RELAY_BATCH);
    let dispatched = 0;
    for (const row of pending) {
      let event: OperationalEvent;
      try {
        event = operationalEventOf(row);
      } catch (error) {
        this.warn(`operational event ${row.id} unreadable, not dispatched: ${messageOf(error)}`);
        continue;
      }
      if (await this.dispatchOne(event)) dispatched++;
    }
    return dispatched;
  }

  private async dispatchOne(event: OperationalEvent): Promise<boolean> {
    try {
      const deliveryId = await this.events.dispatch(event);
      await this.store.markOperationalEventDispatched(event.id, deliveryId, this.clock.now());
      return true;
    } catch (error) {
      this.warn(`operational event ${event.type} of subscription ${event.data.source}/${event.data.subscriptionId} (tenant ${event.tenantId}) `
        + `stored, not dispatched yet (the relay retries it): ${messageOf(error)}`);
      return false;
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
