import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '../portable-columns';

export class EndpointHealth1763800000410 implements MigrationInterface {
  name = 'EndpointHealth1763800000410';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({
      name: 'endpoint_health',
      columns: [
        col.id('tenant_id'), { ...col.varchar('endpoint', 300), isPrimary: true }, col.epochMs('failing_since', { nullable: true }),
        col.epochMs('paused_at', { nullable: true }), col.varchar('last_error', 500, { nullable: true }),
      ],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('endpoint_health');
  }
}
