import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from '../columns/epoch-ms.transformer';

/** One HTTP attempt of a delivery: when, how long, what came back (a bounded snippet) or what failed. */
@Entity({ name: 'delivery_attempts' })
@Index('ix_delivery_attempts_delivery', ['deliveryId', 'attemptedAt'])
export class DeliveryAttemptEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'delivery_id', type: 'varchar', length: 36 })
  deliveryId!: string;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ name: 'attempted_at', type: 'bigint', transformer: epochMs })
  attemptedAt!: Date;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;

  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;

  @Column({ name: 'response_snippet', type: 'text' })
  responseSnippet!: string;
}
