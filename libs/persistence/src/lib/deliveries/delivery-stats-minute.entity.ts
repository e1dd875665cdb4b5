import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One tenant-minute of the pre-aggregated delivery stats: outcomes counted, attempts, their summed duration.
 * Written only by the delivery engine's stats flush (additive upserts, raw statements in libs/delivery);
 * read by DeliveryStatsRepository. `minute` is the epoch ms of the minute's start.
 */
@Entity({ name: 'delivery_stats_minutes' })
@Index('ix_delivery_stats_minutes_minute', ['minute'])
export class DeliveryStatsMinuteEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId!: string;

  @PrimaryColumn({ type: 'bigint' })
  minute!: string;

  @Column({ type: 'integer', default: 0 })
  delivered!: number;

  @Column({ type: 'integer', default: 0 })
  retrying!: number;

  @Column({ type: 'integer', default: 0 })
  failed!: number;

  @Column({ type: 'integer', default: 0 })
  disabled!: number;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'latency_ms_sum', type: 'bigint', default: 0 })
  latencyMsSum!: string;
}
