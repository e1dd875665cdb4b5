import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { col } from '../portable-columns';

/**
 * Operational events (issue #12, ADR 0012):
 * - delivery_targets.group_key / label: what a subscription belongs to (mailbox uuid, application id) and a
 *   human name, written by the owning service with every upsert of the target; rows written before stay
 *   null until their next upsert (the console shows them without a name).
 * - operational_events: a tenant's events (subscription.paused/resumed, delivery.exhausted), newest first
 *   per tenant through ix_operational_events_tenant (tenant_id, occurred_at, id).
 * - operational_webhooks: which events a tenant's operational webhook wants, and when it was registered; its
 *   URL, policy and secrets are a delivery target like any subscription (source operational_webhook).
 */
export class OperationalEvents1763800000470 implements MigrationInterface {
  name = 'OperationalEvents1763800000470';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('delivery_targets', [
      new TableColumn(col.varchar('group_key', 64, { nullable: true })),
      new TableColumn(col.varchar('label', 255, { nullable: true })),
    ]);
    await queryRunner.createTable(new Table({
      name: 'operational_events',
      columns: [
        col.id('id'), col.varchar('tenant_id', 36), col.varchar('type', 64), col.epochMs('occurred_at'), col.text('data'),
        col.varchar('delivery_id', 36, { nullable: true }),
      ],
    }));
    await queryRunner.createIndex('operational_events', new TableIndex({ name: 'ix_operational_events_tenant', columnNames: ['tenant_id', 'occurred_at', 'id'] }));
    await queryRunner.createTable(new Table({
      name: 'operational_webhooks',
      columns: [col.id('tenant_id'), col.varchar('events', 200), col.epochMs('created_at'), col.epochMs('updated_at')],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('operational_webhooks');
    await queryRunner.dropIndex('operational_events', 'ix_operational_events_tenant');
    await queryRunner.dropTable('operational_events');
    await queryRunner.dropColumn('delivery_targets', 'label');
    await queryRunner.dropColumn('delivery_targets', 'group_key');
  }
}
