import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '../portable-columns';

export class EnvelopeCallbacksInit1763800000300 implements MigrationInterface {
  name = 'EnvelopeCallbacksInit1763800000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({
      name: 'envelope_callbacks',
      columns: [
        col.id(), col.varchar('tenant_id', 36), col.varchar('mailbox', 36), col.text('filter'), col.varchar('url', 2048),
        col.integer('retries'), col.integer('timeout_ms'), col.integer('success_code'),
        col.varchar('login', 255, { nullable: true }), col.text('password_sealed', { nullable: true }), col.epochMs('created_at'),
      ],
      indices: [{ name: 'ix_envelope_callbacks_tenant_mailbox', columnNames: ['tenant_id', 'mailbox', 'created_at'] }],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('envelope_callbacks');
  }
}
