import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { IdempotencyKeyProperty } from '../delivery/idempotency-key';
import { TenantCommand } from '../tenancy/tenant-command';

/**
 * Bulk replay jobs (`/hookrelay/v1/replays…`): replay every delivery matching a delivery-log filter as a
 * background job with visible progress (ADR 0014). Served by the callbacks service. Wire format (ADR 0002).
 */
export const REPLAY_JOB_SUBJECTS_V1 = {
  create: 'callbacks.replay-job.create.v1',
  list: 'callbacks.replay-job.list.v1',
  get: 'callbacks.replay-job.get.v1',
} as const;

export class CreateReplayJobCommand extends TenantCommand {
  /** The delivery-log filter (same names and values as GET /deliveries); parsed strictly by the service. */
  @IsObject({ message: 'filter must be an object' }) filter!: Record<string, unknown>;
  @IdempotencyKeyProperty() idempotencyKey?: string;
}

export class ListReplayJobsCommand extends TenantCommand {
  @IsOptional() @IsString() @MaxLength(32) limit?: string;
}

export class ReplayJobByIdCommand extends TenantCommand {
  @IsString() @MaxLength(64) id!: string;
}

export type ReplayJobStatusView = 'queued' | 'running' | 'completed' | 'failed';

/** The filter as the job runs it: times ISO-8601, created_to always set (the snapshot bound). */
export interface ReplayJobFilterView {
  state?: string;
  application_state?: string;
  source?: string;
  close_reason?: string;
  subscription_id?: string;
  id?: string;
  created_from?: string;
  created_to: string;
}

export interface ReplayJobView {
  id: string;
  status: ReplayJobStatusView;
  filter: ReplayJobFilterView;
  /** Deliveries found so far. */
  matched: number;
  /** Deliveries re-queued so far. */
  replayed: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
}

/** `created`: false when the answer is an earlier job (same Idempotency-Key, or the same filter still queued/running). */
export interface CreatedReplayJobView {
  job: ReplayJobView;
  created: boolean;
}
