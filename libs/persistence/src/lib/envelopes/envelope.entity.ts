import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from '../columns/epoch-ms.transformer';

/**
 * The last known state of a DocStudio envelope in a mailbox, as the latest envelope event told it:
 * kept so `check` and `send` can find an envelope by its uuid. One row per (tenant, mailbox, uuid).
 */
@Entity({ name: 'envelopes' })
@Index('ix_envelopes_updated', ['updatedAt'])
export class EnvelopeEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  mailbox!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  uuid!: string;

  @Column({ type: 'simple-json' })
  label!: string[];

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'receive_date', type: 'bigint', transformer: epochMs })
  receiveDate!: Date;

  @Column({ name: 'expire_date', type: 'bigint', nullable: true, transformer: epochMs })
  expireDate!: Date | null;

  @Column({ type: 'varchar', length: 36 })
  template!: string;

  @Column({ type: 'varchar', length: 36 })
  sender!: string;

  @Column({ type: 'varchar', length: 16 })
  scope!: string;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: Date;
}
