import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '../columns/epoch-ms.transformer';

/**
 * A counter per (tenant, mailbox), raised in the same transaction as every callback added to or removed
 * from the mailbox. Replicas cache each mailbox's compiled filters under the version they read before
 * loading them, and compare it on every event: one primary-key read instead of loading every callback.
 */
@Entity({ name: 'envelope_callback_mailboxes' })
export class EnvelopeCallbackMailboxEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  mailbox!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: Date;
}
