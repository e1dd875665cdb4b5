import { describe, expect, it } from '@jest/globals';
import type { DeliveryStore } from '../core/ports/delivery-store.port';
import { InMemoryDeliveryStore } from '../store/memory/in-memory-delivery.store';
import { attemptRecord, newRow, T0, TENANT } from '../../testing/store-contract/delivery-store-contract.fixtures';
import { deliveryRetentionTasks } from './delivery-retention-tasks.util';
import { RetentionSettings, RetentionSweeper, retentionLease } from './retention-sweeper';
import type { RetentionTask } from './retention-task.types';

const DAY = 86_400_000;
const NOW = T0 + 40 * DAY;

const settings = (overrides: Partial<RetentionSettings> = {}): RetentionSettings => ({
  batchSize: 500, pauseMs: 10, leaseMs: 60_000, holder: 'replica-a', ...overrides,
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

function sweeperOn(store: InMemoryDeliveryStore, horizonDays: number, overrides: Partial<RetentionSettings> = {}, clock = clockAt(NOW), sleep?: (ms: number) => Promise<void>) {
  const tasks = deliveryRetentionTasks(store, horizonDays * DAY, DAY);
  return new RetentionSweeper(store, () => tasks, clock, settings(overrides), { sleep: sleep ?? (async () => undefined) });
}

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
    const report = await sweeperOn(store, 30, { batchSize }, clockAt(NOW), async (ms) => void sleeps.push(ms)).sweep();
    // + one batch each for the (empty) idempotency keys and delivery stats
    expect(report).toMatchObject({ ran: ['deliveries', 'idempotency-keys', 'delivery-stats'], deleted: { deliveries: deleted, delivery_attempts: deleted }, batches: batches + 2 });
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
    const report = await sweeperOn(store, 0).sweep();
    expect(report).toMatchObject({ ran: ['idempotency-keys', 'delivery-stats'], deleted: { delivery_idempotency_keys: 1 } });
    expect(store.rows()).toHaveLength(4);
    expect(store.idempotencyKeys().map((k) => k.key)).toEqual(['new']);
  });

  it.each([
    { name: 'keep-forever deliveries: 8 days', horizonDays: 0, kept: [7.9, 1] },
    { name: 'a 30-day horizon: still 8 days', horizonDays: 30, kept: [7.9, 1] },
    { name: 'a 2-day horizon: 2 days', horizonDays: 2, kept: [1] },
  ])('prunes delivery stats minutes with their latency rows past $name', async ({ horizonDays, kept }) => {
    const store = new InMemoryDeliveryStore();
    const minute = (daysAgo: number): number => { const at = NOW - daysAgo * DAY; return at - (at % 60_000); };
    const ages = [9, 8.1, 7.9, 1];
    await store.addStats({
      minutes: ages.map((ago) => ({ tenantId: TENANT, minute: minute(ago), delivered: 1, retrying: 0, failed: 0, disabled: 0, attempts: 1, latencyMsSum: 5 })),
      latency: ages.map((ago) => ({ tenantId: TENANT, minute: minute(ago), bucket: 2, count: 1 })),
      targets: [],
    });
    const report = await sweeperOn(store, horizonDays).sweep();
    expect(report.ran).toContain('delivery-stats');
    expect(report.deleted).toMatchObject({ delivery_stats_minutes: ages.length - kept.length, delivery_stats_latency: ages.length - kept.length });
    expect(store.stats().minutes.map((m) => m.minute).sort()).toEqual(kept.map(minute).sort());
    expect(store.stats().latency.map((l) => l.minute).sort()).toEqual(kept.map(minute).sort());
  });

  it('skips a task whose lease another replica holds, and releases its own when done', async () => {
    const store = new InMemoryDeliveryStore();
    await seed(store, [31]);
    await store.takeLease(retentionLease('deliveries'), 'replica-b', NOW, NOW + 1_000);
    expect(await sweeperOn(store, 30).sweep()).toMatchObject({ ran: ['idempotency-keys', 'delivery-stats'], deleted: { delivery_idempotency_keys: 0 } });
    expect(store.rows()).toHaveLength(1);
    // Expired: taken over.
    expect(await sweeperOn(store, 30, {}, clockAt(NOW + 1_000)).sweep()).toMatchObject({ ran: ['deliveries', 'idempotency-keys', 'delivery-stats'], deleted: { deliveries: 1 } });
    expect(await store.takeLease(retentionLease('deliveries'), 'replica-b', NOW + 1_000, NOW + 2_000)).toBe(true);
  });

  it('stops a task at once when its lease is taken over mid-task', async () => {
    const store = new InMemoryDeliveryStore();
    await seed(store, Array(10).fill(31));
    let now = NOW;
    // The pause outlasts the lease and another replica takes it meanwhile.
    const sweeper = sweeperOn(store, 30, { batchSize: 2, leaseMs: 100 }, { now: () => now }, async () => {
      now += 500;
      await store.takeLease(retentionLease('deliveries'), 'replica-b', now, now + 10_000);
    });
    expect(await sweeper.sweep()).toMatchObject({ deleted: { deliveries: 2 } });
    expect(store.rows()).toHaveLength(8);
  });

  it('a second replica sweeping while the first is between two batches skips that task', async () => {
    const store = new InMemoryDeliveryStore();
    await seed(store, Array(5).fill(31));
    const second: Array<Awaited<ReturnType<RetentionSweeper['sweep']>>> = [];
    const first = sweeperOn(store, 30, { holder: 'a', batchSize: 2 }, clockAt(NOW), async () => {
      if (second.length === 0) second.push(await sweeperOn(store, 30, { holder: 'b', batchSize: 2 }).sweep());
    });
    expect(await first.sweep()).toMatchObject({ ran: ['deliveries', 'idempotency-keys', 'delivery-stats'], deleted: { deliveries: 5 } });
    expect(second).toEqual([expect.objectContaining({ ran: ['idempotency-keys', 'delivery-stats'] })]);
    expect(store.rows()).toHaveLength(0);
  });

  it('runs a service\'s own task under its own lease', async () => {
    const store = new InMemoryDeliveryStore();
    const rows = Array.from({ length: 7 }, (_, i) => NOW - (i + 28) * DAY);
    const envelopes: RetentionTask = {
      name: 'envelopes', horizonMs: 30 * DAY,
      prune: async (before, limit) => {
        const doomed = rows.filter((at) => at < before).slice(0, limit);
        for (const at of doomed) rows.splice(rows.indexOf(at), 1);
        return { rows: doomed.length, deleted: { envelopes: doomed.length } };
      },
    };
    const sweeper = new RetentionSweeper(store, () => [envelopes], clockAt(NOW), settings({ batchSize: 2 }), { sleep: async () => undefined });
    expect(await sweeper.sweep()).toMatchObject({ ran: ['envelopes'], deleted: { envelopes: 4 }, batches: 3 });
    expect(rows).toHaveLength(3);
  });
});
