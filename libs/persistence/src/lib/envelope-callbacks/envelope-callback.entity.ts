import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from '../columns/epoch-ms.transformer';

export interface StoredEnvelopeFilter {
  label?: string[];
  status?: string[];
  subject?: string;
  receiveDateFrom?: string;
  receiveDateTo?: string;
  expireDateFrom?: string;
  expireDateTo?: string;
  template?: string[];
  sender?: string[];
  scope?: string[];
}

/** A DocStudio envelope callback (subscription), scoped to a mailbox inside a tenant. */
@Entity({ name: 'envelope_callbacks' })
@Index('ix_envelope_callbacks_tenant_mailbox', ['tenantId', 'mailbox', 'createdAt'])
export class EnvelopeCallbackEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 36 })
  mailbox!: string;

  @Column({ type: 'simple-json' })
  filter!: StoredEnvelopeFilter;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ type: 'integer' })
  retries!: number;

  @Column({ name: 'timeout_ms', type: 'integer' })
  timeoutMs!: number;

  @Column({ name: 'success_code', type: 'integer' })
  successCode!: number;

  @Column({ type: 'varchar', length: 255, nullable: true })
  login!: string | null;

  /** AES-256-GCM sealed (SecretBox); never returned by the API. */
  @Column({ name: 'password_sealed', type: 'text', nullable: true })
  passwordSealed!: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: Date;
}
