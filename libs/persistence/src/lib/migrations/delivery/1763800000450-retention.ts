import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../portable-columns';

/**
 * Retention (libs/delivery RetentionSweeper):
 * - ix_deliveries_closed (state, closed_at): the sweeper finds the oldest closed deliveries by a range scan
 *   that stops at its batch size, never a scan of the open rows or of the whole table.
 * - delivery_leases: one row per maintenance job with its holder and expiry, taken with a conditional
 *   upsert, so exactly one replica at a time runs the job (SQLite and PostgreSQL alike, no NATS needed).
 */
export class Retention1763800000450 implements MigrationInterface {
  name = 'Retention1763800000450';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('deliveries', new TableIndex({ name: 'ix_deliveries_closed', columnNames: ['state', 'closed_at'] }));
    await queryRunner.createTable(new Table({
      name: 'delivery_leases',
      columns: [col.id('name', 64), col.varchar('holder', 128), col.epochMs('expires_at')],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('delivery_leases');
    await queryRunner.dropIndex('deliveries', 'ix_deliveries_closed');
  }
}
