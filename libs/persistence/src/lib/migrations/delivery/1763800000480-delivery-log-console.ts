import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../portable-columns';

/**
 * The console's delivery log (GET /hookrelay/v1/deliveries) and bulk replay jobs (ADR 0014).
 * - Newest-first keyset pages per filter: each index puts the filter's equality columns first and
 *   (created_at, id) last, so a page of 100 is a range scan that stops after 100 rows, whatever the table
 *   holds (state and application_state already have theirs: ix_deliveries_tenant_*_created).
 * - replay_jobs: one row per bulk replay, with its filter, the snapshot bound that makes it end, its keyset
 *   checkpoint and a lease (holder, until) so replicas share the jobs and a dead holder's job is resumed.
 *   At most one queued/running job per tenant and filter (a partial unique index: pressing twice is one job).
 */
export class DeliveryLogConsole1763800000480 implements MigrationInterface {
  name = 'DeliveryLogConsole1763800000480';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('deliveries', new TableIndex({ name: 'ix_deliveries_tenant_source_created', columnNames: ['tenant_id', 'source', 'created_at', 'id'] }));
    await queryRunner.createIndex('deliveries', new TableIndex({ name: 'ix_deliveries_tenant_subscription_created', columnNames: ['tenant_id', 'subscription_id', 'created_at', 'id'] }));
    await queryRunner.createIndex('deliveries', new TableIndex({ name: 'ix_deliveries_tenant_close_reason_created', columnNames: ['tenant_id', 'close_reason', 'created_at', 'id'] }));
    await queryRunner.createTable(new Table({
      name: 'replay_jobs',
      columns: [
        col.id(), col.varchar('tenant_id', 36), col.varchar('status', 16), col.text('filter'), col.varchar('filter_hash', 64),
        col.varchar('idempotency_key', 255, { nullable: true }), col.epochMs('created_to'),
        col.epochMs('cursor_created_at', { nullable: true }), col.varchar('cursor_id', 36, { nullable: true }),
        col.integer('matched'), col.integer('replayed'),
        col.epochMs('created_at'), col.epochMs('started_at', { nullable: true }), col.epochMs('finished_at', { nullable: true }),
        col.varchar('error', 500, { nullable: true }), col.varchar('lease_holder', 128, { nullable: true }), col.epochMs('lease_until', { nullable: true }),
      ],
      indices: [
        new TableIndex({ name: 'ix_replay_jobs_tenant_created', columnNames: ['tenant_id', 'created_at', 'id'] }),
        new TableIndex({ name: 'ux_replay_jobs_idempotency', columnNames: ['tenant_id', 'idempotency_key'], isUnique: true }),
        new TableIndex({ name: 'ux_replay_jobs_active_filter', columnNames: ['tenant_id', 'filter_hash'], isUnique: true, where: "status IN ('queued', 'running')" }),
        new TableIndex({ name: 'ix_replay_jobs_runnable', columnNames: ['status', 'lease_until'] }),
      ],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('replay_jobs');
    await queryRunner.dropIndex('deliveries', 'ix_deliveries_tenant_close_reason_created');
    await queryRunner.dropIndex('deliveries', 'ix_deliveries_tenant_subscription_created');
    await queryRunner.dropIndex('deliveries', 'ix_deliveries_tenant_source_created');
  }
}
