import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '../portable-columns';

export class ApplicationWebhooksInit1763800000200 implements MigrationInterface {
  name = 'ApplicationWebhooksInit1763800000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({
      name: 'application_webhooks',
      columns: [
        col.id('tenant_id'), col.integer('application_id', { primary: true }), col.varchar('url', 2048),
        col.boolean('retry_enabled', false), col.text('retry_config'), col.text('headers'),
        col.epochMs('created_at'), col.epochMs('updated_at'),
      ],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('application_webhooks');
  }
}
