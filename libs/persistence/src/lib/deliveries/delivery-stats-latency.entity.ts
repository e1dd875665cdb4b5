import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Attempts of one tenant-minute whose duration fell in one histogram bucket (the bucket's index in
 * libs/delivery LATENCY_BUCKET_BOUNDS_MS). Written by the stats flush, read by DeliveryStatsRepository.
 */
@Entity({ name: 'delivery_stats_latency' })
export class DeliveryStatsLatencyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId!: string;

  @PrimaryColumn({ type: 'bigint' })
  minute!: string;

  @PrimaryColumn({ type: 'integer' })
  bucket!: number;

  @Column({ type: 'integer', default: 0 })
  count!: number;
}
