import { DatabaseTarget, DeliveryStatsRepository, openDataSource } from '@hookrelay/persistence';
import { createTestDatabase, tempSqlitePath } from '@hookrelay/testing';
import { DataSource } from 'typeorm';
import { attemptRecord, newRow, nextId } from '../../testing/store-contract/delivery-store-contract.fixtures';
import type { SettledWork } from '../core/ports/delivery-stats.port';
import type { DeliveryStore, SubscriptionKey } from '../core/ports/delivery-store.port';
import { DeliveryStatsAggregator } from '../stats/delivery-stats.aggregator';
import { PgDeliveryStore } from '../store/postgres/pg-delivery.store';
import { SqliteDeliveryStore } from '../store/sqlite/sqlite-delivery.store';
import { DeliveryStatsFlusher } from './delivery-stats.flusher';
import { DeliveryStats } from './delivery-stats.service';

const NOW = Date.UTC(2026, 10, 30, 1, 30, 42, 0);
const MINUTE = NOW - (NOW % 60_000);
const TENANT = '0b7f6f1e-1111-4a2b-8c3d-0000000000a1';
const OTHER = '0b7f6f1e-2222-4a2b-8c3d-0000000000b2';
const POLICY = { kind: 'bearer', timeoutMs: 5000, maxAttempts: 3 } as const;

const sub = (subscriptionId: string, tenantId = TENANT): SubscriptionKey => ({ tenantId, source: 'application_webhook', subscriptionId });
const work = (key: SubscriptionKey, outcome: SettledWork['outcome'], durationMs: number | null, at: number): SettledWork => ({ key, outcome, durationMs, at });

/**
 * The delivery stats end to end on a real database: the store's additive flush from several "processes"
 * (two stores, two aggregators) into the same minutes, the targets' last success/failure, the read side
 * (DeliveryStats over DeliveryStatsRepository) and the retention prune, on SQLite and PostgreSQL.
 */
describe.each(['sqlite', 'postgres'] as const)('delivery stats on %s', (driver) => {
  let target: DatabaseTarget;
  let dataSource: DataSource;
  let stores: DeliveryStore[];
  let stats: DeliveryStats;
  const open = (): DeliveryStore => (target.driver === 'sqlite' ? new SqliteDeliveryStore({ path: target.path, synchronous: 'NORMAL' }) : new PgDeliveryStore({ url: target.url, poolSize: 2 }));
  const flushAll = async (...batches: SettledWork[][]): Promise<void> => {
    // One aggregator and flusher per "process", all flushing at once into the same rows.
    await Promise.all(batches.map(async (settled, i) => {
      const aggregator = new DeliveryStatsAggregator();
      for (const w of settled) aggregator.settled(w);
      const warnings: string[] = [];
      await new DeliveryStatsFlusher(stores[i % stores.length]!, aggregator, 60_000, (m) => warnings.push(m)).stop();
      expect(warnings).toEqual([]);
      expect(aggregator.isEmpty).toBe(true);
    }));
  };
  const targetTimes = async (key: SubscriptionKey): Promise<{ success: number | null; failure: number | null }> => {
    const [text, values] = dataSource.driver.escapeQueryWithParameters(
      'SELECT last_success_at, last_failure_at FROM delivery_targets WHERE tenant_id = :t AND source = :s AND subscription_id = :id',
      { t: key.tenantId, s: key.source, id: key.subscriptionId }, {},
    );
    const [row] = (await dataSource.query(text, values)) as Array<{ last_success_at: unknown; last_failure_at: unknown }>;
    const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
    return { success: num(row?.last_success_at), failure: num(row?.last_failure_at) };
  };

  beforeAll(async () => {
    target = driver === 'sqlite' ? { driver: 'sqlite', path: tempSqlitePath('delivery-stats.sqlite') } : { driver: 'postgres', url: await createTestDatabase('delivery_stats') };
    dataSource = await openDataSource(target, 'delivery');
    stores = [open(), open()];
    stats = new DeliveryStats(new DeliveryStatsRepository(dataSource));
    for (const id of ['ok', 'bad']) await stores[0]!.putTargetConfig(sub(id), { url: 'https://hooks.example/in', headersSealed: null, policy: POLICY, authorizationSealed: null, group: null, label: null }, NOW - 3_600_000);
  });

  afterAll(async () => {
    await Promise.all((stores ?? []).map((s) => s.close()));
    await dataSource?.destroy();
  });

  it('two processes flushing the same minute add up; the series, totals, ratio and percentiles follow; another tenant sees zeros', async () => {
    await flushAll(
      [work(sub('ok'), 'delivered', 3, MINUTE + 1_000), work(sub('ok'), 'delivered', 4, MINUTE + 2_000), work(sub('bad'), 'retrying', 40, MINUTE + 3_000)],
      [work(sub('ok'), 'delivered', 3, MINUTE + 4_000), work(sub('bad'), 'failed', 45, MINUTE + 5_000), work(sub('bad'), 'disabled', null, MINUTE + 6_000),
        work(sub('ok'), 'delivered', 700, MINUTE - 30 * 60_000)],
    );
    // The same minute again later (a later flush of the first process).
    await flushAll([work(sub('ok'), 'delivered', 4, MINUTE + 7_000)]);

    const hour = await stats.overview(TENANT, '1h', NOW);
    expect(hour).toMatchObject({ window: '1h', stepMs: 60_000, from: MINUTE + 60_000 - 3_600_000, to: MINUTE + 60_000, queueDepth: 0, queueDepthCapped: false, pausedSubscriptions: 0 });
    expect(hour.series).toHaveLength(60);
    expect(hour.series[59]).toEqual({ t: MINUTE, delivered: 4, retrying: 1, failed: 1, disabled: 1 });
    expect(hour.series[29]).toEqual({ t: MINUTE - 30 * 60_000, delivered: 1, retrying: 0, failed: 0, disabled: 0 });
    expect(hour.series.filter((p) => p.delivered + p.retrying + p.failed + p.disabled > 0)).toHaveLength(2);
    expect(hour.totals).toEqual({ delivered: 5, retrying: 1, failed: 1, disabled: 1 });
    expect(hour.successRatio).toBeCloseTo(5 / 7, 10);
    // 7 attempts: 4 in (2,5] ms, 2 in (20,50], 1 in (500,1000]. p50: rank 3.5 → 2 + 3 × 3.5/4; p99: rank 6.93 → 500 + 500 × 0.93.
    expect(hour.latencyMs).toEqual({ p50: 4.6, p99: 965 });

    const day = await stats.overview(TENANT, '24h', NOW);
    expect(day.series).toHaveLength(144);
    expect(day.totals).toEqual(hour.totals);

    const other = await stats.overview(OTHER, '1h', NOW);
    expect(other.totals).toEqual({ delivered: 0, retrying: 0, failed: 0, disabled: 0 });
    expect(other.series.every((p) => p.delivered + p.retrying + p.failed + p.disabled === 0)).toBe(true);
    expect(other).toMatchObject({ successRatio: null, latencyMs: { p50: null, p99: null } });
  });

  it('a target\'s last success and failure only move forward, whatever order the flushes land in', async () => {
    const key = sub('ok');
    await flushAll([work(key, 'delivered', 1, NOW + 10_000), work(key, 'retrying', 1, NOW + 5_000)]);
    await flushAll([work(key, 'delivered', 1, NOW + 2_000), work(key, 'failed', 1, NOW + 1_000)]);
    expect(await targetTimes(key)).toEqual({ success: NOW + 10_000, failure: NOW + 5_000 });
    // Another tenant's subscription of the same id is another row: untouched.
    await flushAll([work(sub('ok', OTHER), 'delivered', 1, NOW + 20_000)]);
    expect(await targetTimes(key)).toEqual({ success: NOW + 10_000, failure: NOW + 5_000 });
  });

  it('counts the tenant\'s deliveries not closed (queue depth) and its paused subscriptions', async () => {
    const tenant = '0b7f6f1e-3333-4a2b-8c3d-0000000000c3';
    const rows = Array.from({ length: 3 }, () => newRow({ id: nextId(), tenantId: tenant, createdAt: NOW, wakeAt: NOW + 60_000 }));
    await stores[0]!.accept(rows);
    await stores[0]!.accept([newRow({ id: nextId(), tenantId: OTHER, createdAt: NOW, wakeAt: NOW + 60_000 })]);
    await stores[0]!.record(attemptRecord(rows[0]!, 0, { state: 'CLOSED', applicationState: 'CLOSED', closeReason: 'DELIVERED', nextAttemptAt: null, wakeAt: null, closedAt: NOW }));
    await stores[0]!.putTargetConfig(sub('paused', tenant), { url: 'https://hooks.example/in', headersSealed: null, policy: POLICY, authorizationSealed: null, group: null, label: null }, NOW);
    await stores[0]!.setHealth(sub('paused', tenant), { failingSince: NOW, pausedAt: NOW, lastError: 'HTTP 410' }, NOW, true);
    expect(await stats.overview(tenant, '1h', NOW)).toMatchObject({ queueDepth: 2, queueDepthCapped: false, pausedSubscriptions: 1 });
  });

  it('the retention prune drops the oldest minutes with their latency rows, at most the limit per call', async () => {
    const tenant = '0b7f6f1e-4444-4a2b-8c3d-0000000000d4';
    const old = MINUTE - 10 * 86_400_000;
    await flushAll([work(sub('x', tenant), 'delivered', 3, old), work(sub('x', tenant), 'delivered', 300, old + 60_000), work(sub('x', tenant), 'delivered', 3, MINUTE)]);
    const before = MINUTE - 8 * 86_400_000;
    expect(await stores[0]!.pruneStats(before, 1)).toEqual({ minutes: 1, latency: 1 });
    expect(await stores[0]!.pruneStats(before, 10)).toEqual({ minutes: 1, latency: 1 });
    expect(await stores[0]!.pruneStats(before, 10)).toEqual({ minutes: 0, latency: 0 });
    expect((await stats.overview(tenant, '1h', NOW)).totals.delivered).toBe(1);
  });
});
