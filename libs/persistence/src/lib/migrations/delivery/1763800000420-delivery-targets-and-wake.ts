import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { col } from '../portable-columns';

/**
 * The delivery engine v2 tables (DeliveryStore port in libs/delivery):
 * - deliveries gets an optimistic `version`, a `wake_at` (when the scheduler must look at the row: the
 *   next retry, or the lease of a published job) and `queued` (1 = a job was published for it). The
 *   engine no longer claims rows (no PROCESSING): a row that was PROCESSING is reopened, and every OPEN
 *   row is handed to the new scheduler (queued 0, wake_at = when it was due).
 * - delivery_targets: one row per subscription with its current delivery config, sealed secrets and
 *   health (replaces subscription_secrets and endpoint_health; config null = only the secrets are known).
 * - delivery_idempotency_keys: Idempotency-Key replies, claimed in the same transaction as the deliveries.
 *
 * subscription_secrets and endpoint_health stay in place but are no longer used by the engine: dropping
 * them would break replicas still running the previous version during a rolling deploy; a later migration
 * can drop them once none does.
 */
export class DeliveryTargetsAndWake1763800000420 implements MigrationInterface {
  name = 'DeliveryTargetsAndWake1763800000420';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One addColumns call: SQLite rebuilds the table once for all three.
    await queryRunner.addColumns('deliveries', [
      new TableColumn({ name: 'version', type: 'integer', isNullable: false, default: 0 }),
      new TableColumn(col.epochMs('wake_at', { nullable: true })),
      new TableColumn({ name: 'queued', type: 'integer', isNullable: false, default: 0 }),
    ]);
    await queryRunner.dropIndex('deliveries', 'ix_deliveries_due');
    await queryRunner.createIndex('deliveries', new TableIndex({ name: 'ix_deliveries_wake', columnNames: ['wake_at'] }));
    await queryRunner.query(`UPDATE deliveries SET state = 'OPEN' WHERE state = 'PROCESSING'`);
    await queryRunner.query(`UPDATE deliveries SET wake_at = COALESCE(next_attempt_at, created_at), queued = 0 WHERE state = 'OPEN'`);

    await queryRunner.createTable(new Table({
      name: 'delivery_targets',
      columns: [
        col.id('tenant_id'), { ...col.varchar('source', 32), isPrimary: true }, { ...col.varchar('subscription_id', 64), isPrimary: true },
        col.varchar('url', 2048, { nullable: true }), col.text('headers', { nullable: true }), col.text('policy', { nullable: true }),
        col.text('authorization_sealed', { nullable: true }), col.text('secrets_sealed', { nullable: true }),
        col.epochMs('failing_since', { nullable: true }), col.epochMs('paused_at', { nullable: true }), col.varchar('last_error', 500, { nullable: true }),
        { name: 'version', type: 'integer', isNullable: false, default: 0 }, col.epochMs('updated_at'),
      ],
      indices: [{ name: 'ix_delivery_targets_paused', columnNames: ['tenant_id', 'paused_at'] }],
    }));
    await queryRunner.query(
      `INSERT INTO delivery_targets (tenant_id, source, subscription_id, secrets_sealed, version, updated_at)
       SELECT tenant_id, source, subscription_id, secrets_sealed, 0, updated_at FROM subscription_secrets`,
    );

    await queryRunner.createTable(new Table({
      name: 'delivery_idempotency_keys',
      columns: [col.id('tenant_id'), { ...col.varchar('idem_key', 300), isPrimary: true }, col.text('reply'), col.epochMs('created_at')],
      indices: [{ name: 'ix_delivery_idempotency_keys_created', columnNames: ['created_at'] }],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('delivery_idempotency_keys');
    await queryRunner.dropTable('delivery_targets');
    await queryRunner.dropIndex('deliveries', 'ix_deliveries_wake');
    await queryRunner.createIndex('deliveries', new TableIndex({ name: 'ix_deliveries_due', columnNames: ['state', 'next_attempt_at'] }));
    await queryRunner.dropColumns('deliveries', ['version', 'wake_at', 'queued']);
  }
}
