import { describe, expect, it } from '@jest/globals';
import type { DeliveryStore, DueDelivery } from '../../lib/core/ports/delivery-store.port';
import type { ContractContext } from './delivery-store.contract';
import { attemptRecord, newRow, subscription, T0, TENANT } from './delivery-store-contract.fixtures';

const DROPPED = { headers: {}, authorizationSealed: null };
const KEPT = { headers: { 'x-custom': 'yes' }, authorizationSealed: 'sealed-auth' };

/** What a recall hands the engine: the row's stored credential copy included. */
async function recalled(store: DeliveryStore, id: string): Promise<DueDelivery | null> {
  return store.recall(TENANT, id, T0 + 10_000, T0 + 70_000);
}

/**
 * Rows accepted with a credential copy (as every row was before deliveries stopped carrying one) drop it
 * at every close — DELIVERED, EXHAUSTED, DISABLED, CANCELLED, and a removed subscription — and keep it while open.
 */
export function registerCredentialsContract(ctx: () => ContractContext): void {
  describe('closed deliveries keep no credentials', () => {
    it.each([
      ['DELIVERED', { state: 'CLOSED', applicationState: 'CLOSED', closeReason: 'DELIVERED' }],
      ['EXHAUSTED', { state: 'CLOSED', applicationState: 'CLOSED', closeReason: 'EXHAUSTED' }],
    ] as const)('a record that closes it %s drops its copy', async (_reason, update) => {
      const { store } = ctx();
      const row = newRow();
      await store.accept([row]);
      expect(await store.record(attemptRecord(row, 0, { ...update, nextAttemptAt: null, wakeAt: null, closedAt: T0 + 1_000 }))).toBe(true);
      expect(await recalled(store, row.id)).toMatchObject(DROPPED);
    });

    it('a record that leaves it open for a retry keeps it', async () => {
      const { store } = ctx();
      const row = newRow();
      await store.accept([row]);
      await store.record(attemptRecord(row, 0));
      expect(await recalled(store, row.id)).toMatchObject(KEPT);
    });

    it.each(['DISABLED', 'CANCELLED'] as const)('closing it %s without an attempt drops its copy', async (reason) => {
      const { store } = ctx();
      const row = newRow();
      await store.accept([row]);
      expect(await store.closeUnattempted(TENANT, row.id, 0, reason, T0 + 1)).toBe(true);
      expect(await recalled(store, row.id)).toMatchObject(DROPPED);
    });

    it('removing its subscription drops the copy of every delivery it cancels', async () => {
      const { store } = ctx();
      const rows = [newRow({ subscriptionId: 'sub-gone' }), newRow({ subscriptionId: 'sub-gone' })];
      const neighbour = newRow({ subscriptionId: 'sub-stays' });
      await store.accept([...rows, neighbour]);
      expect(await store.removeTarget(subscription('sub-gone'), T0 + 1)).toBe(2);
      for (const row of rows) expect(await recalled(store, row.id)).toMatchObject(DROPPED);
      expect(await recalled(store, neighbour.id)).toMatchObject(KEPT);
    });
  });
}
