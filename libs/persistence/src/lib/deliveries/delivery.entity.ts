import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from '../columns/epoch-ms.transformer';

export const DELIVERY_SOURCES = ['envelope_callback', 'application_webhook', 'integration_point', 'operational_webhook'] as const;
export type DeliverySource = (typeof DELIVERY_SOURCES)[number];
export const DELIVERY_STATES = ['OPEN', 'PROCESSING', 'CLOSED'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
export const APPLICATION_STATES = ['NEW', 'RETRY', 'RECALL', 'CLOSED'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];
export const CLOSE_REASONS = ['DELIVERED', 'EXHAUSTED', 'CANCELLED', 'DISABLED'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/**
 * How to deliver, fixed per delivery when it is created (and updated for pending ones when the
 * subscription changes): the retry policy of the subscription's API and its success rule.
 */
export type DeliveryPolicy =
  | { kind: 'docstudio'; retries: number; timeoutMs: number; successCode: number }
  | { kind: 'conpeek'; retryEnabled: 0 | 1; retryConfig: { retry_value: number; max_retries: number; backoff_type: 'constant' | 'linear' | 'multiplier'; backoff_value: number } | null; timeoutMs: number }
  | { kind: 'bearer'; timeoutMs: number; maxAttempts: number };

/**
 * A callback: one request to call one URL back with one event — the unit of delivery (SPEC 3.2).
 * Its id is also the Standard Webhooks `webhook-id`, so every retry and redelivery carries the same one.
 */
@Entity({ name: 'deliveries' })
@Index('ix_deliveries_tenant_created', ['tenantId', 'createdAt'])
@Index('ix_deliveries_tenant_state_created', ['tenantId', 'state', 'createdAt'])
@Index('ix_deliveries_tenant_app_state_created', ['tenantId', 'applicationState', 'createdAt'])
@Index('ix_deliveries_tenant_source_created', ['tenantId', 'source', 'createdAt', 'id'])
@Index('ix_deliveries_tenant_subscription_created', ['tenantId', 'subscriptionId', 'createdAt', 'id'])
@Index('ix_deliveries_tenant_close_reason_created', ['tenantId', 'closeReason', 'createdAt', 'id'])
@Index('ix_deliveries_wake', ['wakeAt'])
@Index('ix_deliveries_subscription', ['source', 'subscriptionId', 'state'])
@Index('ix_deliveries_closed', ['state', 'closedAt'])
export class DeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 32 })
  source!: DeliverySource;

  @Column({ name: 'subscription_id', type: 'varchar', length: 64 })
  subscriptionId!: string;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ type: 'varchar', length: 255 })
  event!: string;

  /** The exact body sent (JSON text), so retries and redeliveries send the same bytes. */
  @Column({ type: 'text' })
  payload!: string;

  /**
   * Legacy: custom headers copied from the subscription by releases before deliveries referenced their
   * target; `{}` for new rows and once a row closes (attempts read the target's sealed headers).
   */
  @Column({ type: 'simple-json' })
  headers!: Record<string, string>;

  @Column({ type: 'simple-json' })
  policy!: DeliveryPolicy;

  /** Legacy: a sealed copy of the Authorization value (as `headers` above); null for new rows and once closed. */
  @Column({ name: 'authorization_sealed', type: 'text', nullable: true })
  authorizationSealed!: string | null;

  /** W3C trace context of the accepting request (null when tracing was off): retries join that trace. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  traceparent!: string | null;

  @Column({ type: 'varchar', length: 16 })
  state!: DeliveryState;

  @Column({ name: 'application_state', type: 'varchar', length: 16 })
  applicationState!: ApplicationState;

  @Column({ name: 'close_reason', type: 'varchar', length: 16, nullable: true })
  closeReason!: CloseReason | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'bigint', nullable: true, transformer: epochMs })
  nextAttemptAt!: Date | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: Date;

  @Column({ name: 'closed_at', type: 'bigint', nullable: true, transformer: epochMs })
  closedAt!: Date | null;

  /** Bumped by every change of state: an engine write applies only at the version it read (optimistic). */
  @Column({ type: 'integer', default: 0 })
  version!: number;

  /** When the scheduler must look at the row: the next retry, or the lease of a published job. Null once closed. */
  @Column({ name: 'wake_at', type: 'bigint', nullable: true, transformer: epochMs })
  wakeAt!: Date | null;

  /** 1 while a job for the row was published (the scheduler re-publishes it only if the lease passes). */
  @Column({ type: 'integer', default: 0 })
  queued!: number;
}
