import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from '../columns/epoch-ms.transformer';

/**
 * An Idempotency-Key of one tenant and the reply its first request got, stored in the same transaction as
 * that request's deliveries so a retried request never stores them twice. Pruned after the key's lifetime.
 */
@Entity({ name: 'delivery_idempotency_keys' })
@Index('ix_delivery_idempotency_keys_created', ['createdAt'])
export class DeliveryIdempotencyKeyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId!: string;

  /** Scope + client key, e.g. `webhooks.application-event:9:<client key>`. */
  @PrimaryColumn({ name: 'idem_key', type: 'varchar', length: 300 })
  idemKey!: string;

  /** JSON text of the reply. */
  @Column({ type: 'text' })
  reply!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: Date;
}
