import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '../portable-columns';

export class DeliveriesInit1763800000400 implements MigrationInterface {
  name = 'DeliveriesInit1763800000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({
      name: 'deliveries',
      columns: [
        col.id(), col.varchar('tenant_id', 36), col.varchar('source', 32), col.varchar('subscription_id', 64), col.varchar('url', 2048),
        col.varchar('event', 255), col.text('payload'), col.text('headers'), col.text('policy'), col.text('authorization_sealed', { nullable: true }),
        col.varchar('state', 16), col.varchar('application_state', 16), col.varchar('close_reason', 16, { nullable: true }),
        { name: 'attempts', type: 'integer', isNullable: false, default: 0 }, col.epochMs('next_attempt_at', { nullable: true }),
        col.epochMs('created_at'), col.epochMs('updated_at'), col.epochMs('closed_at', { nullable: true }),
      ],
      indices: [
        { name: 'ix_deliveries_tenant_created', columnNames: ['tenant_id', 'created_at'] },
        { name: 'ix_deliveries_tenant_state_created', columnNames: ['tenant_id', 'state', 'created_at'] },
        { name: 'ix_deliveries_tenant_app_state_created', columnNames: ['tenant_id', 'application_state', 'created_at'] },
        { name: 'ix_deliveries_due', columnNames: ['state', 'next_attempt_at'] },
        { name: 'ix_deliveries_subscription', columnNames: ['source', 'subscription_id', 'state'] },
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'delivery_attempts',
      columns: [
        col.id(), col.varchar('delivery_id', 36), col.integer('number'), col.epochMs('attempted_at'), col.integer('duration_ms'),
        col.integer('status_code', { nullable: true }), col.varchar('error', 500, { nullable: true }), col.text('response_snippet'),
      ],
      indices: [{ name: 'ix_delivery_attempts_delivery', columnNames: ['delivery_id', 'attempted_at'] }],
    }));
    await queryRunner.createTable(new Table({
      name: 'subscription_secrets',
      columns: [col.id('tenant_id'), { ...col.varchar('source', 32), isPrimary: true }, { ...col.varchar('subscription_id', 64), isPrimary: true }, col.text('secrets_sealed'), col.epochMs('updated_at')],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('subscription_secrets');
    await queryRunner.dropTable('delivery_attempts');
    await queryRunner.dropTable('deliveries');
  }
}
