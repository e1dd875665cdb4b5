import { describe, expect, it } from '@jest/globals';
import type { StoredOperationalEvent } from '../../lib/core/ports/operational-events.port';
import type { ContractContext } from './delivery-store.contract';
import { attemptRecord, newRow, nextId, OTHER_TENANT, subscription, T0, TENANT } from './delivery-store-contract.fixtures';

const CONFIG = { url: 'https://hooks.example/target', headersSealed: null, policy: { kind: 'bearer', timeoutMs: 1000, maxAttempts: 1 } as const, authorizationSealed: null, group: null, label: null };
const NEVER = T0 + 3_600_000;

function event(type: StoredOperationalEvent['type'], occurredAt: number, tenantId = TENANT): StoredOperationalEvent {
  return { id: nextId('e'), tenantId, type, occurredAt, data: JSON.stringify({ source: 'application_webhook', subscription_id: 'sub-1', n: occurredAt - T0 }) };
}

/** The operational events outbox: an event is stored with the change it describes, only when that applied (ADR 0012). */
export function registerOperationalEventsContract(ctx: () => ContractContext): void {
  describe('operational events outbox', () => {
    it('stores the event of a pause, a health pause, a resume and an exhausting record only when the change applied', async () => {
      const { store } = ctx();
      const key = subscription('sub-oe');
      expect(await store.pauseTarget(key, T0, event('subscription.paused', T0))).toBe(false); // no target
      await store.putTargetConfig(key, CONFIG, T0);
      const manual = event('subscription.paused', T0 + 1);
      expect(await store.pauseTarget(key, T0 + 1, manual)).toBe(true);
      expect(await store.pauseTarget(key, T0 + 2, event('subscription.paused', T0 + 2))).toBe(false); // paused already
      expect(await store.setHealth(key, { failingSince: T0, pausedAt: T0 + 3, lastError: 'x' }, T0 + 3, true, event('subscription.paused', T0 + 3))).toBe(false);
      const resumed = event('subscription.resumed', T0 + 4);
      expect(await store.resumeTarget(key, T0 + 4, resumed)).toEqual({ reopened: 0, wasPaused: true });
      expect(await store.resumeTarget(key, T0 + 5, event('subscription.resumed', T0 + 5))).toEqual({ reopened: 0, wasPaused: false });
      const broken = event('subscription.paused', T0 + 6);
      expect(await store.setHealth(key, { failingSince: T0, pausedAt: T0 + 6, lastError: 'HTTP 410' }, T0 + 6, true, broken)).toBe(true);

      const row = newRow({ subscriptionId: 'sub-oe' });
      await store.accept([row]);
      const exhausted = event('delivery.exhausted', T0 + 7);
      const closing = { state: 'CLOSED', applicationState: 'CLOSED', closeReason: 'EXHAUSTED', nextAttemptAt: null, wakeAt: null, closedAt: T0 + 7 } as const;
      expect(await store.record({ ...attemptRecord(row, 0, closing), event: exhausted })).toBe(true);
      expect(await store.record({ ...attemptRecord(row, 0, closing), event: event('delivery.exhausted', T0 + 8) })).toBe(false); // a stale copy of the job

      expect(await store.pendingOperationalEvents(T0, NEVER, 100)).toEqual([manual, resumed, broken, exhausted]);
    });

    it('stores nothing when the change fails: an attempt that cannot be written takes its event with it', async () => {
      const { store } = ctx();
      const row = newRow();
      await store.accept([row]);
      const record = attemptRecord(row, 0, { state: 'CLOSED', applicationState: 'CLOSED', closeReason: 'EXHAUSTED', nextAttemptAt: null, wakeAt: null, closedAt: T0 + 1 });
      await store.record({ ...attemptRecord(row, 5), attempt: { ...record.attempt } }); // same attempt id, stale version
      await expect(store.record({ ...record, event: event('delivery.exhausted', T0 + 1) })).rejects.toThrow();
      expect(await store.pendingOperationalEvents(T0, NEVER, 100)).toEqual([]);
    });

    it('lists undispatched events of every tenant in [after, before), oldest first, up to the limit; a dispatched one leaves the list', async () => {
      const { store } = ctx();
      const key = subscription('sub-list');
      const other = subscription('sub-list', OTHER_TENANT);
      await store.putTargetConfig(key, CONFIG, T0);
      await store.putTargetConfig(other, CONFIG, T0);
      const events = [event('subscription.paused', T0 + 10), event('subscription.resumed', T0 + 20), event('subscription.paused', T0 + 30, OTHER_TENANT), event('subscription.resumed', T0 + 40, OTHER_TENANT)];
      await store.pauseTarget(key, T0 + 10, events[0]);
      await store.resumeTarget(key, T0 + 20, events[1]);
      await store.pauseTarget(other, T0 + 30, events[2]);
      await store.resumeTarget(other, T0 + 40, events[3]);
      expect(await store.pendingOperationalEvents(T0, NEVER, 100)).toEqual(events);
      expect(await store.pendingOperationalEvents(T0 + 20, T0 + 40, 100)).toEqual([events[1], events[2]]);
      expect(await store.pendingOperationalEvents(T0, NEVER, 2)).toEqual([events[0], events[1]]);
      await store.markOperationalEventDispatched(events[0]!.id, 'delivery-1', T0 + 50);
      await store.markOperationalEventDispatched(events[2]!.id, null, T0 + 50);
      expect(await store.pendingOperationalEvents(T0, NEVER, 100)).toEqual([events[1], events[3]]);
    });
  });
}
