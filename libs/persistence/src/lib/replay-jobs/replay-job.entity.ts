import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from '../columns/epoch-ms.transformer';

export const REPLAY_JOB_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type ReplayJobStatus = (typeof REPLAY_JOB_STATUSES)[number];

/**
 * A bulk replay (POST /hookrelay/v1/replays): every delivery of the tenant matching `filter` and created at or
 * before `createdTo` is recalled, page by page newest first; `cursor*` is the last position done, so a runner
 * that takes over an expired lease resumes there. ADR 0014.
 */
@Entity({ name: 'replay_jobs' })
@Index('ix_replay_jobs_tenant_created', ['tenantId', 'createdAt', 'id'])
@Index('ux_replay_jobs_idempotency', ['tenantId', 'idempotencyKey'], { unique: true })
@Index('ux_replay_jobs_active_filter', ['tenantId', 'filterHash'], { unique: true, where: "status IN ('queued', 'running')" })
@Index('ix_replay_jobs_runnable', ['status', 'leaseUntil'])
export class ReplayJobEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ReplayJobStatus;

  /** The filter as the client gave it (normalized JSON, without the defaulted snapshot bound). */
  @Column({ type: 'text' })
  filter!: string;

  /** SHA-256 of `filter`: one queued/running job per tenant and filter. */
  @Column({ name: 'filter_hash', type: 'varchar', length: 64 })
  filterHash!: string;

  /** The client's Idempotency-Key; honoured for 24 h, then cleared when the key comes again. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 255, nullable: true })
  idempotencyKey!: string | null;

  /** The snapshot bound (epoch ms, inclusive): deliveries created later are not part of the job, so it ends. */
  @Column({ name: 'created_to', type: 'bigint', transformer: epochMs })
  createdTo!: Date;

  @Column({ name: 'cursor_created_at', type: 'bigint', nullable: true, transformer: epochMs })
  cursorCreatedAt!: Date | null;

  @Column({ name: 'cursor_id', type: 'varchar', length: 36, nullable: true })
  cursorId!: string | null;

  @Column({ type: 'integer' })
  matched!: number;

  @Column({ type: 'integer' })
  replayed!: number;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'bigint', nullable: true, transformer: epochMs })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'bigint', nullable: true, transformer: epochMs })
  finishedAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;

  @Column({ name: 'lease_holder', type: 'varchar', length: 128, nullable: true })
  leaseHolder!: string | null;

  @Column({ name: 'lease_until', type: 'bigint', nullable: true, transformer: epochMs })
  leaseUntil!: Date | null;
}
