import { createTestDatabase, tempSqlitePath } from '@hookrelay/testing';
import { DataSource, DataSourceOptions } from 'typeorm';
import { buildDataSourceOptions, DatabaseTarget } from '../../data-source/data-source-options';
import { runSchemaMigrations } from '../../data-source/open-data-source';
import { DeliveriesInit1763800000400 } from './1763800000400-deliveries-init';
import { EndpointHealth1763800000410 } from './1763800000410-endpoint-health';
import { DeliveryTargetsAndWake1763800000420 } from './1763800000420-delivery-targets-and-wake';

const TENANT = '0b7f6f1e-1111-4a2b-8c3d-000000000001';
const T0 = 1_767_225_600_000;
const COPY = '{"Authorization":"Bearer copied-token"}';

const row = (id: string, subscriptionId: string, state: 'OPEN' | 'CLOSED'): unknown[] =>
  [id, TENANT, 'application_webhook', subscriptionId, 'https://x.example/', 'e', '{}', COPY, '{"kind":"bearer"}', 'v1:sealed-auth', state,
    state === 'CLOSED' ? 'CLOSED' : 'RETRY', state === 'CLOSED' ? 'EXHAUSTED' : null, 1, null, T0, T0, null];

describe.each(['sqlite', 'postgres'] as const)('migration 1763800000430 (credentials out of deliveries) on %s', (driver) => {
  let target: DatabaseTarget;
  let ds: DataSource;
  const copies = async (): Promise<Array<[string, string, string | null]>> =>
    (await ds.query('SELECT id, headers, authorization_sealed FROM deliveries ORDER BY id') as Array<{ id: string; headers: string; authorization_sealed: string | null }>)
      .map((r) => [r.id, r.headers, r.authorization_sealed]);

  beforeAll(async () => {
    target = driver === 'sqlite' ? { driver: 'sqlite', path: tempSqlitePath() } : { driver: 'postgres', url: await createTestDatabase('migration_430') };
    const previous = { ...buildDataSourceOptions(target, 'delivery'), migrations: [DeliveriesInit1763800000400, EndpointHealth1763800000410, DeliveryTargetsAndWake1763800000420] } as DataSourceOptions;
    const legacy = await new DataSource(previous).initialize();
    await legacy.runMigrations();
    const p = (n: number): string => (driver === 'postgres' ? `$${n}` : '?');
    const insert = `INSERT INTO deliveries (id, tenant_id, source, subscription_id, url, event, payload, headers, policy, authorization_sealed, state,
      application_state, close_reason, attempts, next_attempt_at, created_at, updated_at, closed_at) VALUES (${Array.from({ length: 18 }, (_, i) => p(i + 1)).join(', ')})`;
    await legacy.query(insert, row('a-closed', 'configured', 'CLOSED'));
    await legacy.query(insert, row('b-open-configured', 'configured', 'OPEN'));
    await legacy.query(insert, row('c-open-unconfigured', 'secrets-only', 'OPEN'));
    await legacy.query(insert, row('d-closed-unconfigured', 'secrets-only', 'CLOSED'));
    const target3 = `INSERT INTO delivery_targets (tenant_id, source, subscription_id, url, headers, secrets_sealed, version, updated_at) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8].map(p).join(', ')})`;
    await legacy.query(target3, [TENANT, 'application_webhook', 'configured', 'https://x.example/', '{}', 's', 1, T0]);
    await legacy.query(target3, [TENANT, 'application_webhook', 'secrets-only', null, null, 's', 1, T0]);
    await legacy.destroy();

    await runSchemaMigrations(target, 'delivery');
    ds = await new DataSource(buildDataSourceOptions(target, 'delivery')).initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  it('drops the credential copy of closed deliveries and of open ones whose target has a config; keeps the rest', async () => {
    expect(await copies()).toEqual([
      ['a-closed', '{}', null],
      ['b-open-configured', '{}', null],
      ['c-open-unconfigured', COPY, 'v1:sealed-auth'],
      ['d-closed-unconfigured', '{}', null],
    ]);
  });

  it('adds the sealed headers column to delivery_targets, and TypeORM metadata matches', async () => {
    const runner = ds.createQueryRunner();
    try {
      expect(await runner.hasColumn('delivery_targets', 'headers_sealed')).toBe(true);
    } finally {
      await runner.release();
    }
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});
