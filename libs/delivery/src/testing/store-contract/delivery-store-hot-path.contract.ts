import { describe, expect, it } from '@jest/globals';
import { IdempotencyClaim } from '../../lib/core/ports/delivery-store.port';
import type { ContractContext } from './delivery-store.contract';
import { attemptRecord, newRow, OTHER_TENANT, T0, TENANT } from './delivery-store-contract.fixtures';

function claim(key: string, reply: string, notBefore = T0 - 86_400_000, tenantId = TENANT): IdempotencyClaim {
  return { tenantId, key, reply, notBefore };
}

/** accept, idempotency, record, closeUnattempted, park, unqueue. */
export function registerHotPathContract(ctx: () => ContractContext): void {
  describe('accept', () => {
    it('stores rows OPEN/NEW at version 0 with their wake time, queued', async () => {
      const { store, peek } = ctx();
      const rows = [newRow(), newRow({ createdAt: T0 + 5, wakeAt: T0 + 99 })];
      expect(await store.accept(rows)).toEqual({ kind: 'stored' });
      expect(await peek.delivery(rows[1]!.id)).toEqual({
        state: 'OPEN', applicationState: 'NEW', closeReason: null, attempts: 0, url: rows[1]!.url, nextAttemptAt: T0 + 5, wakeAt: T0 + 99,
        queued: 1, version: 0, closedAt: null, updatedAt: T0 + 5,
      });
    });

    it('stores nothing when one row fails (all-or-nothing)', async () => {
      const { store, peek } = ctx();
      const existing = newRow();
      await store.accept([existing]);
      const fresh = newRow();
      await expect(store.accept([fresh, { ...newRow(), id: existing.id }])).rejects.toThrow();
      expect(await peek.delivery(fresh.id)).toBeNull();
    });

    it('fails only the bad call among concurrent ones (group commit)', async () => {
      const { store, peek } = ctx();
      const existing = newRow();
      await store.accept([existing]);
      const good = Array.from({ length: 6 }, () => newRow());
      const results = await Promise.allSettled([
        store.accept([good[0]!, good[1]!]), store.accept([{ ...newRow(), id: existing.id }]), store.accept([good[2]!]),
        store.accept([good[3]!, good[4]!, good[5]!]),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      for (const row of good) expect((await peek.delivery(row.id))?.state).toBe('OPEN');
    });

    it('returns the stored reply for a live idempotency key and stores nothing', async () => {
      const { store, peek } = ctx();
      expect(await store.accept([newRow()], claim('scope:key-1', '{"first":true}'))).toEqual({ kind: 'stored' });
      const again = newRow();
      expect(await store.accept([again], claim('scope:key-1', '{"second":true}'))).toEqual({ kind: 'duplicate', reply: '{"first":true}' });
      expect(await peek.delivery(again.id)).toBeNull();
    });

    it('replaces an expired idempotency key instead of honouring it', async () => {
      const { store, peek } = ctx();
      await store.accept([newRow({ createdAt: T0 })], claim('scope:key-2', 'old'));
      const later = newRow({ createdAt: T0 + 10_000 });
      expect(await store.accept([later], claim('scope:key-2', 'new', T0 + 1))).toEqual({ kind: 'stored' });
      expect((await peek.delivery(later.id))?.state).toBe('OPEN');
      expect(await store.accept([newRow({ createdAt: T0 + 20_000 })], claim('scope:key-2', 'third', T0 + 1))).toEqual({ kind: 'duplicate', reply: 'new' });
    });

    it('scopes idempotency keys by tenant', async () => {
      const { store } = ctx();
      await store.accept([newRow()], claim('scope:key-3', 'mine'));
      expect(await store.accept([newRow({ tenantId: OTHER_TENANT })], claim('scope:key-3', 'theirs', undefined, OTHER_TENANT))).toEqual({ kind: 'stored' });
    });

    it('does not keep the key of a request that failed', async () => {
      const { store } = ctx();
      const existing = newRow();
      await store.accept([existing]);
      await expect(store.accept([{ ...newRow(), id: existing.id }], claim('scope:key-4', 'lost'))).rejects.toThrow();
      expect(await store.accept([newRow()], claim('scope:key-4', 'kept'))).toEqual({ kind: 'stored' });
    });

    it('lets exactly one of two concurrent requests with one key store', async () => {
      const { store } = ctx();
      const other = await ctx().another();
      const outcomes = await Promise.all([store.accept([newRow()], claim('scope:key-5', 'a')), other.accept([newRow()], claim('scope:key-5', 'b'))]);
      expect(outcomes.filter((o) => o.kind === 'stored')).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === 'duplicate')).toHaveLength(1);
    });
  });

  describe('record', () => {
    it('stores the attempt and applies the update at the expected version', async () => {
      const { store, peek } = ctx();
      const row = newRow();
      await store.accept([row]);
      const record = attemptRecord(row, 0);
      expect(await store.record(record)).toBe(true);
      expect(await peek.delivery(row.id)).toEqual({
        state: 'OPEN', applicationState: 'RETRY', closeReason: null, attempts: 1, url: 'https://hooks.example/new', nextAttemptAt: T0 + 31_000,
        wakeAt: T0 + 31_000, queued: 0, version: 1, closedAt: null, updatedAt: T0 + 1_000,
      });
      expect(await peek.attempts(row.id)).toEqual([record.attempt]);
    });

    it('keeps the attempt but not the update at a stale version or another tenant', async () => {
      const { store, peek } = ctx();
      const row = newRow();
      await store.accept([row]);
      expect(await store.record(attemptRecord(row, 0))).toBe(true);
      const stale = attemptRecord(row, 0, { state: 'CLOSED', applicationState: 'CLOSED', closeReason: 'DELIVERED', wakeAt: null, closedAt: T0 + 2 });
      expect(await store.record(stale)).toBe(false);
      expect(await store.record({ ...attemptRecord(row, 1), tenantId: OTHER_TENANT })).toBe(false);
      expect(await peek.delivery(row.id)).toMatchObject({ state: 'OPEN', version: 1 });
      expect(await peek.attempts(row.id)).toHaveLength(3);
    });

    it('closes a delivery', async () => {
      const { store, peek } = ctx();
      const row = newRow();
      await store.accept([row]);
      const closing = attemptRecord(row, 0, { state: 'CLOSED', applicationState: 'CLOSED', closeReason: 'DELIVERED', nextAttemptAt: null, wakeAt: null, closedAt: T0 + 1_000 });
      expect(await store.record({ ...closing, attempt: { ...closing.attempt, statusCode: 200, error: null } })).toBe(true);
      expect(await peek.delivery(row.id)).toMatchObject({ state: 'CLOSED', closeReason: 'DELIVERED', wakeAt: null, closedAt: T0 + 1_000, version: 1, queued: 0 });
    });
  });

  describe('closeUnattempted', () => {
    it('closes at the expected version only, within the tenant', async () => {
      const { store, peek } = ctx();
      const row = newRow();
      await store.accept([row]);
      expect(await store.closeUnattempted(TENANT, row.id, 1, 'DISABLED', T0 + 7)).toBe(false);
      expect(await store.closeUnattempted(OTHER_TENANT, row.id, 0, 'DISABLED', T0 + 7)).toBe(false);
      expect(await store.closeUnattempted(TENANT, row.id, 0, 'DISABLED', T0 + 7)).toBe(true);
      expect(await peek.delivery(row.id)).toMatchObject({
        state: 'CLOSED', applicationState: 'CLOSED', closeReason: 'DISABLED', closedAt: T0 + 7, updatedAt: T0 + 7, wakeAt: null, version: 1, attempts: 0,
      });
      expect(await peek.attempts(row.id)).toEqual([]);
      expect(await store.closeUnattempted(TENANT, row.id, 0, 'CANCELLED', T0 + 8)).toBe(false);
    });
  });

  describe('park', () => {
    it('sets wake_at and unqueues at the expected version, without a new version', async () => {
      const { store, peek } = ctx();
      const row = newRow();
      await store.accept([row]);
      expect(await store.park(TENANT, row.id, 3, T0 + 500)).toBe(false);
      expect(await store.park(OTHER_TENANT, row.id, 0, T0 + 500)).toBe(false);
      expect(await store.park(TENANT, row.id, 0, T0 + 500)).toBe(true);
      expect(await peek.delivery(row.id)).toMatchObject({ state: 'OPEN', wakeAt: T0 + 500, queued: 0, version: 0 });
    });
  });

  describe('unqueue', () => {
    it('hands fresh rows of the tenant back to the scheduler', async () => {
      const { store, peek } = ctx();
      const [a, b, attempted, foreign] = [newRow(), newRow(), newRow(), newRow({ tenantId: OTHER_TENANT })];
      await store.accept([a!, b!, attempted!]);
      await store.accept([foreign!]);
      await store.record(attemptRecord(attempted!, 0));
      await store.unqueue(TENANT, [a!.id, attempted!.id, foreign!.id, 'no-such-id'], T0 + 3);
      expect(await peek.delivery(a!.id)).toMatchObject({ wakeAt: T0 + 3, queued: 0, version: 0 });
      expect(await peek.delivery(b!.id)).toMatchObject({ wakeAt: b!.wakeAt, queued: 1 });
      expect(await peek.delivery(attempted!.id)).toMatchObject({ wakeAt: T0 + 31_000, version: 1 });
      expect(await peek.delivery(foreign!.id)).toMatchObject({ wakeAt: foreign!.wakeAt, queued: 1 });
      await store.unqueue(TENANT, [], T0);
    });
  });
}
