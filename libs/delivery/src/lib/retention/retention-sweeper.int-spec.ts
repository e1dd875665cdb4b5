import { runSchemaMigrations } from '@hookrelay/persistence';
import { createTestDatabase, tempSqlitePath } from '@hookrelay/testing';
import { systemClock } from '../core/ports/clock.port';
import type { DeliveryStore } from '../core/ports/delivery-store.port';
import { PgDeliveryStore } from '../store/postgres/pg-delivery.store';
import { SqliteDeliveryStore } from '../store/sqlite/sqlite-delivery.store';
import { attemptRecord, newRow } from '../../testing/store-contract/delivery-store-contract.fixtures';
import { deliveryRetentionTasks } from './delivery-retention-tasks.util';
import { RetentionSweeper } from './retention-sweeper';

const DAY = 86_400_000;
const OLD = 3_000;
const OPEN = 200;

async function openStores(driver: 'sqlite' | 'postgres'): Promise<[DeliveryStore, DeliveryStore]> {
  if (driver === 'sqlite') {
    const path = tempSqlitePath('retention.sqlite');
    await runSchemaMigrations({ driver: 'sqlite', path }, 'delivery');
    // Two stores on one file: two processes, each with its own writer thread.
    return [new SqliteDeliveryStore({ path, synchronous: 'NORMAL' }), new SqliteDeliveryStore({ path, synchronous: 'NORMAL' })];
  }
  const url = await createTestDatabase('retention');
  await runSchemaMigrations({ driver: 'postgres', url }, 'delivery');
  return [new PgDeliveryStore({ url, poolSize: 4 }), new PgDeliveryStore({ url, poolSize: 4 })];
}

/** Counts prunes in flight across both replicas: the lease must keep it at one. */
function watched(store: DeliveryStore, inFlight: { now: number; max: number }): DeliveryStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop !== 'pruneClosedDeliveries') return Reflect.get(target, prop, receiver);
      return async (before: number, limit: number) => {
        inFlight.now += 1;
        inFlight.max = Math.max(inFlight.max, inFlight.now);
        try {
          return await target.pruneClosedDeliveries(before, limit);
        } finally {
          inFlight.now -= 1;
        }
      };
    },
  });
}

async function seed(store: DeliveryStore): Promise<string[]> {
  const now = Date.now();
  const old = Array.from({ length: OLD }, () => newRow({ createdAt: now - 40 * DAY }));
  for (let i = 0; i < old.length; i += 500) await store.accept(old.slice(i, i + 500));
  await Promise.all(old.map((row) => store.record(attemptRecord(row, 0, {
    state: 'CLOSED', applicationState: 'CLOSED', closeReason: 'DELIVERED', nextAttemptAt: null, wakeAt: null, closedAt: now - 31 * DAY,
  }))));
  const open = Array.from({ length: OPEN }, () => newRow({ createdAt: now - 40 * DAY }));
  await store.accept(open);
  return open.map((r) => r.id);
}

describe.each(['sqlite', 'postgres'] as const)('retention on %s: two replicas, deliveries flowing', (driver) => {
  let stores: DeliveryStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
    stores = [];
  });

  it('one replica sweeps at a time, in short batches, and accepting never waits long', async () => {
    const [a, b] = await openStores(driver);
    stores = [a, b];
    const openIds = await seed(a);
    const inFlight = { now: 0, max: 0 };
    const batches: number[] = [];
    const sweepers = [a, b].map((store, i) => {
      const tasks = deliveryRetentionTasks(watched(store, inFlight), 30 * DAY, DAY);
      return new RetentionSweeper(store, () => tasks, systemClock, { batchSize: 200, pauseMs: 5, leaseMs: 60_000, holder: `replica-${i}` }, {
        batch: (ms) => batches.push(ms),
      });
    });

    // The hot path meanwhile: one accept at a time on replica b, timing each.
    let sweeping = true;
    const acceptMs: number[] = [];
    const accepting = (async () => {
      while (sweeping) {
        const started = Date.now();
        await b.accept([newRow({ createdAt: Date.now() })]);
        acceptMs.push(Date.now() - started);
      }
    })();
    const deleted = [0, 0];
    const runs = [0, 0];
    await Promise.all(sweepers.map(async (sweeper, i) => {
      // Both keep asking until everything old is gone: each sweep of either replica competes for the lease.
      const deadline = Date.now() + 30_000;
      while (deleted[0]! + deleted[1]! < OLD && Date.now() < deadline) {
        const report = await sweeper.sweep();
        deleted[i]! += report.deleted['deliveries'] ?? 0;
        if (report.ran.includes('deliveries')) runs[i]! += 1;
        else await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }));
    sweeping = false;
    await accepting;

    const longestBatch = Math.max(...batches);
    const slowestAccept = Math.max(...acceptMs);
    console.log(`${driver}: deleted ${deleted.join(' + ')} in ${batches.length} batches of ≤200 (longest ${longestBatch} ms), sweeps run ${runs.join(' + ')}; `
      + `${acceptMs.length} accepts meanwhile, slowest ${slowestAccept} ms`);
    expect(inFlight.max).toBe(1);
    expect(deleted[0]! + deleted[1]!).toBe(OLD);
    expect(runs[0]! + runs[1]!).toBeGreaterThanOrEqual(1);
    for (const id of openIds.slice(0, 20)) expect(await a.recall('0b7f6f1e-1111-4a2b-8c3d-000000000001', id, Date.now(), Date.now())).not.toBeNull();
    // Generous on 2 shared cores: the point is no multi-second stall behind one big DELETE.
    expect(slowestAccept).toBeLessThan(2_000);
  });
});
