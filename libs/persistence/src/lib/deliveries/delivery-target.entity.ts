import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from '../columns/epoch-ms.transformer';
import { DeliverySource } from './delivery.entity';

/**
 * One subscription's delivery target: its current config (read at every attempt, so an edit applies to
 * pending deliveries), its sealed signing secrets and its health (circuit breaker). The delivery engine
 * reads and writes it with raw statements (DeliveryStore in libs/delivery); this entity keeps TypeORM's
 * metadata in step with the table. The config columns are all null when only the secrets are known
 * (rows migrated from subscription_secrets).
 */
@Entity({ name: 'delivery_targets' })
@Index('ix_delivery_targets_paused', ['tenantId', 'pausedAt'])
export class DeliveryTargetEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  source!: DeliverySource;

  @PrimaryColumn({ name: 'subscription_id', type: 'varchar', length: 64 })
  subscriptionId!: string;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  url!: string | null;

  /** Legacy: the plaintext JSON object of custom headers of a row written before they were sealed; cleared by every write. */
  @Column({ type: 'text', nullable: true })
  headers!: string | null;

  /** The custom headers, sealed (DeliverySealer, bound to this row and column); null when there are none. */
  @Column({ name: 'headers_sealed', type: 'text', nullable: true })
  headersSealed!: string | null;

  /** JSON DeliveryPolicy. */
  @Column({ type: 'text', nullable: true })
  policy!: string | null;

  @Column({ name: 'authorization_sealed', type: 'text', nullable: true })
  authorizationSealed!: string | null;

  @Column({ name: 'secrets_sealed', type: 'text', nullable: true })
  secretsSealed!: string | null;

  @Column({ name: 'failing_since', type: 'bigint', nullable: true, transformer: epochMs })
  failingSince!: Date | null;

  @Column({ name: 'paused_at', type: 'bigint', nullable: true, transformer: epochMs })
  pausedAt!: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  /** The latest attempt that delivered / that failed (delivery stats flush; only ever moves forward). */
  @Column({ name: 'last_success_at', type: 'bigint', nullable: true, transformer: epochMs })
  lastSuccessAt!: Date | null;

  @Column({ name: 'last_failure_at', type: 'bigint', nullable: true, transformer: epochMs })
  lastFailureAt!: Date | null;
  /** What the subscription belongs to (mailbox uuid, application id); null for rows not upserted since 1763800000470. */
  @Column({ name: 'group_key', type: 'varchar', length: 64, nullable: true })
  groupKey!: string | null;

  /** A human name of the subscription (the integration point's code, "mailbox <uuid>" …). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  label!: string | null;

  @Column({ type: 'integer', default: 0 })
  version!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: Date;
}
