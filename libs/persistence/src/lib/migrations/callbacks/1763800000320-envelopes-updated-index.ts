import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** Retention deletes the envelopes no event has touched for RETENTION_DAYS, oldest first: a range scan on this index. */
export class EnvelopesUpdatedIndex1763800000320 implements MigrationInterface {
  name = 'EnvelopesUpdatedIndex1763800000320';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('envelopes', new TableIndex({ name: 'ix_envelopes_updated', columnNames: ['updated_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('envelopes', 'ix_envelopes_updated');
  }
}
