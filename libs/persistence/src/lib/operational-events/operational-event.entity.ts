import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from '../columns/epoch-ms.transformer';

/** The stored type names (wire format: libs/contracts OPERATIONAL_EVENT_TYPES_V1). */
export type OperationalEventType = 'subscription.paused' | 'subscription.resumed' | 'delivery.exhausted';

/** One operational event of a tenant (ADR 0012); `data` is its JSON body's `data` object. */
@Entity({ name: 'operational_events' })
@Index('ix_operational_events_tenant', ['tenantId', 'occurredAt', 'id'])
@Index('ix_operational_events_pending', ['occurredAt', 'id'], { where: 'dispatched_at IS NULL' })
export class OperationalEventEntity {
  /** Time-ordered (timeOrderedId): the tie-breaker of the newest-first keyset. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 64 })
  type!: OperationalEventType;

  @Column({ name: 'occurred_at', type: 'bigint', transformer: epochMs })
  occurredAt!: Date;

  @Column({ type: 'text' })
  data!: string;

  /** The delivery made to the tenant's operational webhook for it; null when none was. */
  @Column({ name: 'delivery_id', type: 'varchar', length: 36, nullable: true })
  deliveryId!: string | null;

  /** When it was delivered to the operational webhook (if any) and published; null while the outbox holds it. */
  @Column({ name: 'dispatched_at', type: 'bigint', nullable: true, transformer: epochMs })
  dispatchedAt!: Date | null;
}
