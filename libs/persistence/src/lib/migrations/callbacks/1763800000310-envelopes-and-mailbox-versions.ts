import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '../portable-columns';

const primary = (column: ReturnType<typeof col.varchar>): ReturnType<typeof col.varchar> => ({ ...column, isPrimary: true });

/** Envelopes (for check/send) and the per-mailbox callback version (for the replicas' filter caches). */
export class EnvelopesAndMailboxVersions1763800000310 implements MigrationInterface {
  name = 'EnvelopesAndMailboxVersions1763800000310';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({
      name: 'envelopes',
      columns: [
        primary(col.varchar('tenant_id', 36)), primary(col.varchar('mailbox', 36)), primary(col.varchar('uuid', 36)),
        col.text('label'), col.varchar('status', 16), col.text('subject'), col.epochMs('receive_date'), col.epochMs('expire_date', { nullable: true }),
        col.varchar('template', 36), col.varchar('sender', 36), col.varchar('scope', 16), col.epochMs('updated_at'),
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'envelope_callback_mailboxes',
      columns: [primary(col.varchar('tenant_id', 36)), primary(col.varchar('mailbox', 36)), col.integer('version'), col.epochMs('updated_at')],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('envelope_callback_mailboxes');
    await queryRunner.dropTable('envelopes');
  }
}
