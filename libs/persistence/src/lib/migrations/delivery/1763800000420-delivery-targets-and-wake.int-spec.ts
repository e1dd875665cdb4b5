import { createTestDatabase, tempSqlitePath } from '@hookrelay/testing';
import { DataSource, DataSourceOptions } from 'typeorm';
import { buildDataSourceOptions, DatabaseTarget } from '../../data-source/data-source-options';
import { runSchemaMigrations } from '../../data-source/open-data-source';
import { DeliveryIdempotencyKeyEntity } from '../../deliveries/delivery-idempotency-key.entity';
import { DeliveryTargetEntity } from '../../deliveries/delivery-target.entity';
import { DeliveryEntity } from '../../deliveries/delivery.entity';
import { DeliveriesInit1763800000400 } from './1763800000400-deliveries-init';
import { EndpointHealth1763800000410 } from './1763800000410-endpoint-health';

const TENANT = '0b7f6f1e-1111-4a2b-8c3d-000000000001';
const T0 = 1_767_225_600_000;

const legacyRow = (id: string, state: string, nextAttemptAt: number | null): unknown[] =>
  [id, TENANT, 'application_webhook', 'sub-1', 'https://x.example/', 'e', '{}', '{}', '{"kind":"bearer"}', null, state, state === 'CLOSED' ? 'CLOSED' : 'RETRY', null, 1, nextAttemptAt, T0, T0, null];

describe.each(['sqlite', 'postgres'] as const)('migration 1763800000420 (delivery targets and wake) on %s', (driver) => {
  let target: DatabaseTarget;
  let ds: DataSource;

  beforeAll(async () => {
    target = driver === 'sqlite' ? { driver: 'sqlite', path: tempSqlitePath() } : { driver: 'postgres', url: await createTestDatabase('migration_420') };
    // The schema as the previous release left it, with rows in every state.
    const legacyOptions = { ...buildDataSourceOptions(target, 'delivery'), migrations: [DeliveriesInit1763800000400, EndpointHealth1763800000410] } as DataSourceOptions;
    const legacy = await new DataSource(legacyOptions).initialize();
    await legacy.runMigrations();
    const p = (n: number): string => (driver === 'postgres' ? `$${n}` : '?');
    const insert = `INSERT INTO deliveries (id, tenant_id, source, subscription_id, url, event, payload, headers, policy, authorization_sealed, state,
      application_state, close_reason, attempts, next_attempt_at, created_at, updated_at, closed_at) VALUES (${Array.from({ length: 18 }, (_, i) => p(i + 1)).join(', ')})`;
    await legacy.query(insert, legacyRow('open-due', 'OPEN', T0 + 100));
    await legacy.query(insert, legacyRow('open-null', 'OPEN', null));
    await legacy.query(insert, legacyRow('processing', 'PROCESSING', T0 + 200));
    await legacy.query(insert, legacyRow('closed', 'CLOSED', null));
    await legacy.query(`INSERT INTO subscription_secrets (tenant_id, source, subscription_id, secrets_sealed, updated_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)})`,
      [TENANT, 'integration_point', 'ip-1', 'sealed', T0 + 5]);
    await legacy.destroy();

    await runSchemaMigrations(target, 'delivery');
    ds = await new DataSource(buildDataSourceOptions(target, 'delivery')).initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  it('reopens PROCESSING rows and hands every open row to the scheduler', async () => {
    const rows = await ds.getRepository(DeliveryEntity).find({ order: { id: 'ASC' } });
    const view = rows.map((r) => [r.id, r.state, r.wakeAt?.getTime() ?? null, r.queued, r.version]);
    expect(view).toEqual([
      ['closed', 'CLOSED', null, 0, 0],
      ['open-due', 'OPEN', T0 + 100, 0, 0],
      ['open-null', 'OPEN', T0, 0, 0],
      ['processing', 'OPEN', T0 + 200, 0, 0],
    ]);
  });

  it('turns every subscription_secrets row into a target without config', async () => {
    const targets = await ds.getRepository(DeliveryTargetEntity).find();
    expect(targets).toEqual([expect.objectContaining({
      tenantId: TENANT, source: 'integration_point', subscriptionId: 'ip-1', url: null, headers: null, policy: null, authorizationSealed: null,
      secretsSealed: 'sealed', failingSince: null, pausedAt: null, lastError: null, version: 0, updatedAt: new Date(T0 + 5),
    })]);
  });

  it('creates the idempotency keys table, and TypeORM metadata matches the migrated tables', async () => {
    await ds.getRepository(DeliveryIdempotencyKeyEntity).insert({ tenantId: TENANT, idemKey: 'k'.repeat(300), reply: '{}', createdAt: new Date(T0) });
    expect(await ds.getRepository(DeliveryIdempotencyKeyEntity).count()).toBe(1);
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('can be undone, keeping the deliveries (runs last: it leaves the previous schema)', async () => {
    // The later migrations first (however many there are now), then this one.
    const fromThisOne = ds.migrations.filter((m) => Number(/(\d{13})$/.exec(m.name ?? '')?.[1]) >= 1763800000420).length;
    for (let i = 0; i < fromThisOne; i++) await ds.undoLastMigration({ transaction: 'each' });
    const runner = ds.createQueryRunner();
    try {
      expect(await runner.hasTable('delivery_targets')).toBe(false);
      expect(await runner.hasTable('delivery_idempotency_keys')).toBe(false);
      expect(await runner.hasColumn('deliveries', 'wake_at')).toBe(false);
      expect((await runner.getTable('deliveries'))?.indices.map((i) => i.name)).toContain('ix_deliveries_due');
      expect(await ds.query('SELECT id FROM deliveries ORDER BY id')).toHaveLength(4);
    } finally {
      await runner.release();
    }
  });
});
