import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '../columns/epoch-ms.transformer';

/**
 * A tenant's operational webhook registration: which event types it wants (comma-separated) and when it was
 * made. Its URL, policy and signing secrets live in delivery_targets (source operational_webhook,
 * subscription_id = tenant id), like every subscription's.
 */
@Entity({ name: 'operational_webhooks' })
export class OperationalWebhookEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 200 })
  events!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: Date;
}
