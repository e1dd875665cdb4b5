import { describe, expect, it } from '@jest/globals';
import type { ContractContext } from './delivery-store.contract';
import { attemptRecord, newRow, T0, TENANT } from './delivery-store-contract.fixtures';

const closedAt = (at: number) => ({ state: 'CLOSED' as const, applicationState: 'CLOSED' as const, closeReason: 'DELIVERED' as const, nextAttemptAt: null, wakeAt: null, closedAt: at });

/** pruneClosedDeliveries, takeLease, releaseLease. */
export function registerRetentionContract(ctx: () => ContractContext): void {
  describe('pruneClosedDeliveries', () => {
    it('deletes the oldest closed deliveries before the horizon with their attempts, at most `limit`, never open or younger ones', async () => {
      const { store, peek } = ctx();
      const old = [T0 + 30, T0 + 10, T0 + 20].map(() => newRow());
      const young = newRow();
      const open = newRow({ createdAt: T0 - 1_000_000 });
      const retrying = newRow({ createdAt: T0 - 1_000_000 });
      await store.accept([...old, young, open, retrying]);
      for (const [i, at] of [T0 + 30, T0 + 10, T0 + 20].entries()) {
        await store.record(attemptRecord(old[i]!, 0));
        await store.record(attemptRecord(old[i]!, 1, closedAt(at)));
      }
      await store.record(attemptRecord(young, 0, closedAt(T0 + 100)));
      await store.record(attemptRecord(retrying, 0));

      expect(await store.pruneClosedDeliveries(T0 + 100, 2)).toEqual({ deliveries: 2, attempts: 4 });
      // Oldest close first: the rows closed at +10 and +20 went, the one at +30 stays for the next batch.
      expect(await peek.delivery(old[1]!.id)).toBeNull();
      expect(await peek.delivery(old[2]!.id)).toBeNull();
      expect(await peek.attempts(old[1]!.id)).toEqual([]);
      expect(await peek.delivery(old[0]!.id)).toMatchObject({ state: 'CLOSED' });
      expect(await store.pruneClosedDeliveries(T0 + 100, 10)).toEqual({ deliveries: 1, attempts: 2 });
      expect(await store.pruneClosedDeliveries(T0 + 100, 10)).toEqual({ deliveries: 0, attempts: 0 });

      expect(await peek.delivery(young.id)).toMatchObject({ state: 'CLOSED', closedAt: T0 + 100 });
      expect(await peek.attempts(young.id)).toHaveLength(1);
      expect(await peek.delivery(open.id)).toMatchObject({ state: 'OPEN' });
      expect(await peek.delivery(retrying.id)).toMatchObject({ state: 'OPEN', attempts: 1 });
      expect(await peek.attempts(retrying.id)).toHaveLength(1);
    });

    it('keeps a delivery that a recall reopened', async () => {
      const { store, peek } = ctx();
      const row = newRow();
      await store.accept([row]);
      await store.record(attemptRecord(row, 0, closedAt(T0)));
      await store.recall(TENANT, row.id, T0 + 5, T0 + 60_000);
      expect(await store.pruneClosedDeliveries(T0 + 100, 10)).toEqual({ deliveries: 0, attempts: 0 });
      expect(await peek.delivery(row.id)).toMatchObject({ state: 'OPEN', applicationState: 'RECALL' });
    });
  });

  describe('leases', () => {
    it('is held by one holder until it expires or is released; the holder renews it', async () => {
      const { store } = ctx();
      expect(await store.takeLease('retention', 'a', T0, T0 + 100)).toBe(true);
      expect(await store.takeLease('retention', 'b', T0 + 50, T0 + 150)).toBe(false);
      expect(await store.takeLease('other-job', 'b', T0 + 50, T0 + 150)).toBe(true);
      expect(await store.takeLease('retention', 'a', T0 + 60, T0 + 200)).toBe(true);
      expect(await store.takeLease('retention', 'b', T0 + 150, T0 + 250)).toBe(false);
      // Expired: anyone may take it.
      expect(await store.takeLease('retention', 'b', T0 + 200, T0 + 300)).toBe(true);
      expect(await store.takeLease('retention', 'a', T0 + 250, T0 + 350)).toBe(false);
      // Releasing someone else's lease does nothing; releasing one's own frees it at once.
      await store.releaseLease('retention', 'a');
      expect(await store.takeLease('retention', 'a', T0 + 260, T0 + 360)).toBe(false);
      await store.releaseLease('retention', 'b');
      expect(await store.takeLease('retention', 'a', T0 + 260, T0 + 360)).toBe(true);
    });

    it('goes to exactly one of many concurrent takers, across stores', async () => {
      const { store } = ctx();
      const other = await ctx().another();
      for (let round = 0; round < 10; round++) {
        const now = T0 + round * 1_000;
        const takers = Array.from({ length: 6 }, (_, i) => ({ holder: `h${round}-${i}`, store: i % 2 ? other : store }));
        const taken = await Promise.all(takers.map((t) => t.store.takeLease('retention', t.holder, now, now + 500)));
        expect(taken.filter(Boolean)).toHaveLength(1);
      }
    });
  });
}
