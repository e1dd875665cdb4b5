import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { TenantCommand } from '../tenancy/tenant-command';

/**
 * The Conpeek callback log (`GET /callback`, `GET /callback/{id}`, `POST /callback/{id}/recall`), served
 * by the callbacks service over the delivery records of every source. Wire format (ADR 0002).
 */
export const CALLBACK_LOG_SUBJECTS_V1 = {
  list: 'callbacks.callback-log.list.v1',
  get: 'callbacks.callback-log.get.v1',
  recall: 'callbacks.callback-log.recall.v1',
} as const;

/** Raw query-string values; parsed by the filtering lib in the service so errors name the parameter. */
export class CallbackLogQueryParams {
  @IsOptional() @IsString() @MaxLength(32) limit?: string;
  @IsOptional() @IsString() @MaxLength(32) offset?: string;
  @IsOptional() @IsString() @MaxLength(64) sort?: string;
  @IsOptional() @IsString() @MaxLength(16) dir?: string;
  @IsOptional() @IsString() @MaxLength(8192) filter?: string;
}

export class ListCallbacksCommand extends TenantCommand {
  @IsObject() query!: CallbackLogQueryParams;
}

export class CallbackByIdCommand extends TenantCommand {
  @IsString() @MaxLength(64) id!: string;
}

export interface CallbackAttemptView {
  attempt: number;
  date: string;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  response: string;
}

/** A callback as the Conpeek API shows it: snake_case, dates as UTC "YYYY-MM-DD HH:mm:ss". */
export interface CallbackView {
  id: string;
  source: 'envelope_callback' | 'application_webhook' | 'integration_point' | 'operational_webhook';
  subscription_id: string;
  url: string;
  event: string;
  /** Only in GET /callback/{id}: list pages stay small (a page holds up to 1000 callbacks). */
  payload?: unknown;
  state: 'OPEN' | 'PROCESSING' | 'CLOSED';
  application_state: 'NEW' | 'RETRY' | 'RECALL' | 'CLOSED';
  close_reason: 'DELIVERED' | 'EXHAUSTED' | 'CANCELLED' | 'DISABLED' | null;
  attempts: number;
  next_attempt_date: string | null;
  created_date: string;
  closed_date: string | null;
  call_history?: CallbackAttemptView[];
}
