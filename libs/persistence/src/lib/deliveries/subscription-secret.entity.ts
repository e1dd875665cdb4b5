import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '../columns/epoch-ms.transformer';
import { DeliverySource } from './delivery.entity';

/**
 * The Standard Webhooks signing secrets of one subscription (envelope callback, application webhook or
 * integration point): the current one and, for 24 h after a rotation, the previous one. Sealed as one
 * JSON list; read by the delivery worker at every attempt, so a rotation applies to pending deliveries.
 */
@Entity({ name: 'subscription_secrets' })
export class SubscriptionSecretEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  source!: DeliverySource;

  @PrimaryColumn({ name: 'subscription_id', type: 'varchar', length: 64 })
  subscriptionId!: string;

  @Column({ name: 'secrets_sealed', type: 'text' })
  secretsSealed!: string;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: Date;
}
