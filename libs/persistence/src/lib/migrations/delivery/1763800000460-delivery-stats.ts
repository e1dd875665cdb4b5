import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { col } from '../portable-columns';

const counter = (name: string): { name: string; type: string; isNullable: boolean; default: number } => ({ name, type: 'integer', isNullable: false, default: 0 });

/**
 * The pre-aggregated delivery stats behind the console's Overview (GET /hookrelay/v1/stats), written by each
 * process's DeliveryStatsFlusher as additive upserts every few seconds (libs/delivery):
 * - delivery_stats_minutes: per tenant and minute (epoch ms of its start) the count of each outcome, the
 *   attempts and their summed duration. A window is a primary-key range scan (tenant_id, minute): 60 rows
 *   for an hour, 1,440 for a day, however many deliveries are stored.
 * - delivery_stats_latency: the attempt-duration histogram per tenant, minute and bucket (LATENCY_BUCKET_BOUNDS_MS);
 *   the percentiles merge a window's buckets (primary-key range scan again).
 * - ix_delivery_stats_minutes_minute: the retention sweeper's oldest-first scan across tenants.
 * - delivery_targets.last_success_at / last_failure_at: the subscription's latest attempt of each kind
 *   (only ever moved forward by the flush).
 */
export class DeliveryStats1763800000460 implements MigrationInterface {
  name = 'DeliveryStats1763800000460';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({
      name: 'delivery_stats_minutes',
      columns: [
        col.id('tenant_id'), { ...col.epochMs('minute'), isPrimary: true },
        counter('delivered'), counter('retrying'), counter('failed'), counter('disabled'), counter('attempts'),
        { name: 'latency_ms_sum', type: 'bigint', isNullable: false, default: 0 },
      ],
      indices: [{ name: 'ix_delivery_stats_minutes_minute', columnNames: ['minute'] }],
    }));
    await queryRunner.createTable(new Table({
      name: 'delivery_stats_latency',
      columns: [col.id('tenant_id'), { ...col.epochMs('minute'), isPrimary: true }, col.integer('bucket', { primary: true }), counter('count')],
    }));
    await queryRunner.addColumns('delivery_targets', [
      new TableColumn(col.epochMs('last_success_at', { nullable: true })),
      new TableColumn(col.epochMs('last_failure_at', { nullable: true })),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('delivery_targets', 'last_failure_at');
    await queryRunner.dropColumn('delivery_targets', 'last_success_at');
    await queryRunner.dropTable('delivery_stats_latency');
    await queryRunner.dropIndex('delivery_stats_minutes', 'ix_delivery_stats_minutes_minute');
    await queryRunner.dropTable('delivery_stats_minutes');
  }
}
