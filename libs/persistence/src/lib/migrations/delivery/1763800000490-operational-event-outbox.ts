import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { col } from '../portable-columns';

/**
 * Operational events become an outbox (ADR 0012): the engine stores each event in the same transaction as the
 * state change it describes, with dispatched_at null; once delivered to the operational webhook and published
 * on JetStream it is marked dispatched. ix_operational_events_pending (partial: undispatched rows only) is the
 * relay's way to the events a dying process left behind. Events stored before were dispatched best effort:
 * they count as dispatched when they occurred.
 */
export class OperationalEventOutbox1763800000490 implements MigrationInterface {
  name = 'OperationalEventOutbox1763800000490';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('operational_events', new TableColumn(col.epochMs('dispatched_at', { nullable: true })));
    await queryRunner.query('UPDATE operational_events SET dispatched_at = occurred_at');
    await queryRunner.createIndex('operational_events', new TableIndex({ name: 'ix_operational_events_pending', columnNames: ['occurred_at', 'id'], where: 'dispatched_at IS NULL' }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('operational_events', 'ix_operational_events_pending');
    await queryRunner.dropColumn('operational_events', 'dispatched_at');
  }
}
