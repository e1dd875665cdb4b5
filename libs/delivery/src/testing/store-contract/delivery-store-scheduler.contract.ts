import { describe, expect, it } from '@jest/globals';
import type { ContractContext } from './delivery-store.contract';
import { attemptRecord, newRow, OTHER_TENANT, T0, TENANT } from './delivery-store-contract.fixtures';

const LEASE = T0 + 1_000_000;
/** lostUpTo values: no queued row counts as lost; every queued row whose wake passed does. */
const NO_LOST = -1;
const ALL_LOST = Number.MAX_SAFE_INTEGER;
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

/** claimDue, pruneIdempotencyKeys, recall. */
export function registerSchedulerContract(ctx: () => ContractContext): void {
  describe('claimDue', () => {
    it('claims unqueued due rows, and queued ones only up to the lost bound', async () => {
      const { store, peek } = ctx();
      const fresh = newRow({ wakeAt: T0 + 10 });
      const parked = newRow({ wakeAt: T0 + 10 });
      await store.accept([fresh, parked]);
      await store.park(TENANT, parked.id, 0, T0 + 20);
      expect((await store.claimDue(T0 + 100, 10, NO_LOST, LEASE)).map((d) => d.id)).toEqual([parked.id]);
      expect(await peek.delivery(parked.id)).toMatchObject({ wakeAt: LEASE, queued: 1, version: 0 });
      expect(await store.claimDue(T0 + 100, 10, NO_LOST, LEASE)).toEqual([]);
      expect((await store.claimDue(T0 + 100, 10, ALL_LOST, LEASE)).map((d) => d.id)).toEqual([fresh.id]);
      expect(await peek.delivery(fresh.id)).toMatchObject({ wakeAt: LEASE, queued: 1 });
    });

    it('takes a queued row as lost only if its wake is at or before lostUpTo (jobs published before the oldest waiting one)', async () => {
      const { store } = ctx();
      const early = newRow({ wakeAt: T0 + 10 });
      const late = newRow({ wakeAt: T0 + 50 });
      await store.accept([early, late]);
      expect(await store.claimDue(T0 + 100, 10, T0 + 9, LEASE)).toEqual([]);
      expect((await store.claimDue(T0 + 100, 10, T0 + 10, LEASE)).map((d) => d.id)).toEqual([early.id]);
      expect(await store.claimDue(T0 + 100, 10, T0 + 49, LEASE)).toEqual([]);
      expect((await store.claimDue(T0 + 100, 10, T0 + 50, LEASE)).map((d) => d.id)).toEqual([late.id]);
    });

    it('returns everything a job carries, the accepting request\'s trace context included', async () => {
      const { store } = ctx();
      const row = newRow({
        wakeAt: T0, headers: { a: 'b', 'x-y': 'z' }, policy: { kind: 'conpeek', retryEnabled: 1, retryConfig: null, timeoutMs: 10 }, authorizationSealed: null, traceparent: TRACEPARENT,
      });
      await store.accept([row]);
      await store.record(attemptRecord(row, 0, { wakeAt: T0 + 5, url: 'https://moved.example/' }));
      expect(await store.claimDue(T0 + 5, 10, NO_LOST, LEASE)).toEqual([{
        id: row.id, tenantId: TENANT, source: 'application_webhook', subscriptionId: 'sub-1', event: row.event, payload: row.payload,
        attempts: 1, version: 1, applicationState: 'RETRY', createdAt: T0, url: 'https://moved.example/', headers: { a: 'b', 'x-y': 'z' },
        policy: { kind: 'conpeek', retryEnabled: 1, retryConfig: null, timeoutMs: 10 }, authorizationSealed: null, traceparent: TRACEPARENT,
      }]);
    });

    it('takes the oldest wake first, up to the limit, skipping future, leased and closed rows', async () => {
      const { store } = ctx();
      const rows = [T0 + 30, T0 + 10, T0 + 40, T0 + 20, T0 + 500].map((wakeAt) => newRow({ wakeAt }));
      const closed = newRow({ wakeAt: T0 });
      await store.accept([...rows, closed]);
      await store.unqueue(TENANT, rows.map((r) => r.id), T0);
      for (const r of rows) await store.park(TENANT, r.id, 0, r.wakeAt);
      await store.closeUnattempted(TENANT, closed.id, 0, 'CANCELLED', T0);
      const first = await store.claimDue(T0 + 100, 3, ALL_LOST, LEASE);
      expect(first.map((d) => d.id)).toEqual([rows[1]!.id, rows[3]!.id, rows[0]!.id]);
      const rest = await store.claimDue(T0 + 100, 3, ALL_LOST, LEASE);
      expect(rest.map((d) => d.id)).toEqual([rows[2]!.id]);
      expect(await store.claimDue(LEASE - 1, 10, ALL_LOST, LEASE + 5)).toMatchObject([{ id: rows[4]!.id }]);
      // The lease passed: the jobs count as lost and come back.
      expect(await store.claimDue(LEASE, 10, NO_LOST, LEASE + 9)).toEqual([]);
      expect(await store.claimDue(LEASE, 10, ALL_LOST, LEASE + 9)).toHaveLength(4);
      expect(await store.claimDue(LEASE + 4, 0, ALL_LOST, LEASE + 9)).toEqual([]);
    });

    it('never hands one row to two concurrent claimers', async () => {
      const { store } = ctx();
      const other = await ctx().another();
      const rows = Array.from({ length: 60 }, (_, i) => newRow({ wakeAt: T0 + i, tenantId: i % 2 ? TENANT : OTHER_TENANT }));
      await store.accept(rows);
      const claimed: string[] = [];
      for (let round = 0; round < 5; round++) {
        const batches = await Promise.all([store.claimDue(T0 + 100, 7, ALL_LOST, LEASE), other.claimDue(T0 + 100, 7, ALL_LOST, LEASE), store.claimDue(T0 + 100, 7, ALL_LOST, LEASE)]);
        for (const batch of batches) claimed.push(...batch.map((d) => d.id));
      }
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed).toHaveLength(60);
    });
  });

  describe('recall', () => {
    it('reopens a closed delivery under the same id, leased and queued', async () => {
      const { store, peek } = ctx();
      const row = newRow({ traceparent: TRACEPARENT });
      await store.accept([row]);
      await store.record(attemptRecord(row, 0, { state: 'CLOSED', applicationState: 'CLOSED', closeReason: 'EXHAUSTED', nextAttemptAt: null, wakeAt: null, closedAt: T0 + 1_000 }));
      const due = await store.recall(TENANT, row.id, T0 + 5_000, T0 + 65_000);
      // Its close dropped the credential copy: the recall uses the subscription's current target.
      expect(due).toMatchObject({ id: row.id, applicationState: 'RECALL', version: 2, attempts: 1, url: 'https://hooks.example/new', headers: {}, authorizationSealed: null, traceparent: TRACEPARENT });
      expect(await peek.delivery(row.id)).toEqual({
        state: 'OPEN', applicationState: 'RECALL', closeReason: null, attempts: 1, url: 'https://hooks.example/new', nextAttemptAt: T0 + 5_000,
        wakeAt: T0 + 65_000, queued: 1, version: 2, closedAt: null, updatedAt: T0 + 5_000,
      });
    });

    it('is null for an unknown delivery or another tenant', async () => {
      const { store, peek } = ctx();
      const row = newRow();
      await store.accept([row]);
      expect(await store.recall(OTHER_TENANT, row.id, T0, T0)).toBeNull();
      expect(await store.recall(TENANT, 'no-such-delivery', T0, T0)).toBeNull();
      expect(await peek.delivery(row.id)).toMatchObject({ applicationState: 'NEW', version: 0 });
    });
  });

  describe('pruneIdempotencyKeys', () => {
    it('deletes at most `limit` keys created before the cut-off; a pruned key is free again', async () => {
      const { store } = ctx();
      for (let i = 0; i < 5; i++) {
        await store.accept([newRow({ createdAt: T0 + i })], { tenantId: TENANT, key: `k${i}`, reply: `r${i}`, notBefore: 0 });
      }
      expect(await store.pruneIdempotencyKeys(T0 + 3, 2)).toBe(2);
      expect(await store.pruneIdempotencyKeys(T0 + 3, 10)).toBe(1);
      expect(await store.pruneIdempotencyKeys(T0 + 3, 10)).toBe(0);
      expect(await store.accept([newRow()], { tenantId: TENANT, key: 'k0', reply: 'again', notBefore: 0 })).toEqual({ kind: 'stored' });
      expect(await store.accept([newRow()], { tenantId: TENANT, key: 'k4', reply: 'again', notBefore: 0 })).toEqual({ kind: 'duplicate', reply: 'r4' });
    });
  });
}
