import { describe, expect, it } from '@jest/globals';
import type { DeliveryStore } from '../core/ports/delivery-store.port';
import { InMemoryDeliveryStore } from '../store/memory/in-memory-delivery.store';
import { attemptRecord, newRow, T0, TENANT } from '../../testing/store-contract/delivery-store-contract.fixtures';
import { RETENTION_LEASE, RetentionSettings, RetentionSweeper } from './retention-sweeper';

const DAY = 86_400_000;
const NOW = T0 + 40 * DAY;

const settings = (overrides: Partial<RetentionSettings> = {}): RetentionSettings => ({
  horizonMs: 30 * DAY, idempotencyHorizonMs: DAY, batchSize: 500, pauseMs: 10, leaseMs: 60_000, holder: 'replica-a', ...overrides,
});

/** `closedDaysAgo`: null = still open. */
async function seed(store: DeliveryStore, closedDaysAgo: Array<number | null>): Promise<string[]> {
  const rows = closedDaysAgo.map(() => newRow());
  await store.accept(rows);
  for (const [i, ago] of closedDaysAgo.entries()) {
    if (ago === null) continue;
    await store.record(attemptRecord(rows[i]!, 0, {
      state: 'CLOSED', applicationState: 'CLOSED', closeReason: 'DELIVERED', nextAttemptAt: null, wakeAt: null, closedAt: NOW - ago * DAY,
    }));
  }
  return rows.map((r) => r.id);
}

const clockAt = (now: number) => ({ now: () => now });

describe('RetentionSweeper', () => {
  it.each([
    { name: 'past the horizon, in batches', closed: 1_200, young: 0, batchSize: 500, deleted: 1_200, batches: 3 },
    { name: 'exactly one batch full, then an empty one', closed: 500, young: 0, batchSize: 500, deleted: 500, batches: 2 },
    { name: 'young closed ones stay', closed: 3, young: 4, batchSize: 2, deleted: 3, batches: 2 },
    { name: 'nothing to do', closed: 0, young: 5, batchSize: 500, deleted: 0, batches: 1 },
  ])('deletes closed deliveries $name, never open ones', async ({ closed, young, batchSize, deleted, batches }) => {
    const store = new InMemoryDeliveryStore();
    await seed(store, [...Array(closed).fill(31), ...Array(young).fill(29), null, null]);
    const sleeps: number[] = [];
    const sweeper = new RetentionSweeper(store, clockAt(NOW), settings({ batchSize }), { sleep: async (ms) => void sleeps.push(ms) });
    const report = await sweeper.sweep();
    expect(report).toMatchObject({ ran: true, deliveries: deleted, attempts: deleted, batches });
    expect(sleeps).toEqual(Array(batches - 1).fill(10));
    expect(store.rows().filter((r) => r.state === 'OPEN')).toHaveLength(2);
    expect(store.rows().filter((r) => r.state === 'CLOSED')).toHaveLength(young);
    expect(store.attempts()).toHaveLength(young);
  });

  it('keeps every delivery when the horizon is 0 (keep forever), and still prunes expired idempotency keys', async () => {
    const store = new InMemoryDeliveryStore();
    await seed(store, [400, 31]);
    await store.accept([newRow({ createdAt: NOW - 2 * DAY })], { tenantId: TENANT, key: 'old', reply: '{}', notBefore: 0 });
    await store.accept([newRow({ createdAt: NOW - 1_000 })], { tenantId: TENANT, key: 'new', reply: '{}', notBefore: 0 });
    const report = await new RetentionSweeper(store, clockAt(NOW), settings({ horizonMs: 0 })).sweep();
    expect(report).toMatchObject({ ran: true, deliveries: 0, idempotencyKeys: 1 });
    expect(store.rows()).toHaveLength(4);
    expect(store.idempotencyKeys().map((k) => k.key)).toEqual(['new']);
  });

  it('does nothing while another replica holds the lease, and releases its own when done', async () => {
    const store = new InMemoryDeliveryStore();
    await seed(store, [31]);
    await store.takeLease(RETENTION_LEASE, 'replica-b', NOW, NOW + 1_000);
    expect(await new RetentionSweeper(store, clockAt(NOW), settings()).sweep()).toMatchObject({ ran: false, deliveries: 0 });
    expect(store.rows()).toHaveLength(1);
    // Expired: taken over.
    expect(await new RetentionSweeper(store, clockAt(NOW + 1_000), settings()).sweep()).toMatchObject({ ran: true, deliveries: 1 });
    expect(await store.takeLease(RETENTION_LEASE, 'replica-b', NOW + 1_000, NOW + 2_000)).toBe(true);
  });

  it('stops at once when its lease is taken over mid-sweep', async () => {
    const store = new InMemoryDeliveryStore();
    await seed(store, Array(10).fill(31));
    let now = NOW;
    const sweeper = new RetentionSweeper(store, { now: () => now }, settings({ batchSize: 2, leaseMs: 100 }), {
      // The pause outlasts the lease and another replica takes it meanwhile.
      sleep: async () => {
        now += 500;
        await store.takeLease(RETENTION_LEASE, 'replica-b', now, now + 10_000);
      },
    });
    expect(await sweeper.sweep()).toMatchObject({ ran: true, deliveries: 2, batches: 1 });
    expect(store.rows()).toHaveLength(8);
  });

  it('of two concurrent sweepers on one store, one runs', async () => {
    const store = new InMemoryDeliveryStore();
    await seed(store, Array(5).fill(31));
    const reports = await Promise.all(['a', 'b'].map((holder) => new RetentionSweeper(store, clockAt(NOW), settings({ holder, batchSize: 2 })).sweep()));
    expect(reports.map((r) => r.ran).sort()).toEqual([false, true]);
    expect(store.rows()).toHaveLength(0);
  });
});
