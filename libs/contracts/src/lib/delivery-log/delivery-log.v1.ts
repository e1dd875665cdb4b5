import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { TenantCommand } from '../tenancy/tenant-command';

/**
 * Hookrelay's own delivery log (`/hookrelay/v1/deliveries…`, the console's Deliveries page): newest-first
 * keyset pages over every source's deliveries, one delivery with its attempts and the headers an attempt
 * sends, and replaying one. Served by the callbacks service. Wire format (ADR 0002): never change a subject
 * without a new version.
 */
export const DELIVERY_LOG_SUBJECTS_V1 = {
  list: 'callbacks.delivery-log.list.v1',
  get: 'callbacks.delivery-log.get.v1',
  replay: 'callbacks.delivery-log.replay.v1',
} as const;

/** The query parameters GET /hookrelay/v1/deliveries reads (raw text: the filtering lib parses them, naming the bad one). */
export const DELIVERY_LOG_QUERY_PARAMS = [
  'state', 'application_state', 'source', 'close_reason', 'subscription_id', 'id', 'created_from', 'created_to', 'limit', 'before',
] as const;

export class DeliveryLogQueryParams {
  @IsOptional() @IsString() @MaxLength(64) state?: string;
  @IsOptional() @IsString() @MaxLength(64) application_state?: string;
  @IsOptional() @IsString() @MaxLength(64) source?: string;
  @IsOptional() @IsString() @MaxLength(64) close_reason?: string;
  @IsOptional() @IsString() @MaxLength(128) subscription_id?: string;
  @IsOptional() @IsString() @MaxLength(128) id?: string;
  @IsOptional() @IsString() @MaxLength(64) created_from?: string;
  @IsOptional() @IsString() @MaxLength(64) created_to?: string;
  @IsOptional() @IsString() @MaxLength(32) limit?: string;
  @IsOptional() @IsString() @MaxLength(256) before?: string;
}

export class ListDeliveriesCommand extends TenantCommand {
  @IsObject() query!: DeliveryLogQueryParams;
}

export class DeliveryByIdCommand extends TenantCommand {
  @IsString() @MaxLength(64) id!: string;
}

export type DeliveryLogSource = 'envelope_callback' | 'application_webhook' | 'integration_point' | 'operational_webhook';

/** A delivery in the log: snake_case, times ISO-8601 UTC. */
export interface DeliverySummaryView {
  id: string;
  source: DeliveryLogSource;
  subscription_id: string;
  url: string;
  event: string;
  state: 'OPEN' | 'PROCESSING' | 'CLOSED';
  application_state: 'NEW' | 'RETRY' | 'RECALL' | 'CLOSED';
  close_reason: 'DELIVERED' | 'EXHAUSTED' | 'CANCELLED' | 'DISABLED' | null;
  attempts: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  next_attempt_at: string | null;
  /** Of the latest attempt; null when there is none. */
  last_status_code: number | null;
  last_error: string | null;
}

export interface DeliveryAttemptView {
  number: number;
  attempted_at: string;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  response_snippet: string;
}

/** One delivery (GET /deliveries/{id}): `attempts` is the attempt list here (the count in the list view). */
export interface DeliveryDetailView extends Omit<DeliverySummaryView, 'attempts'> {
  /** The body sent, parsed when it is JSON. */
  payload: unknown;
  /** What an attempt sends now, credentials masked; empty when the subscription is gone. */
  headers: Record<string, string>;
  attempts: DeliveryAttemptView[];
}

export interface DeliveryLogPage {
  data: DeliverySummaryView[];
  next_before: string | null;
}

export interface ReplayedDeliveryView {
  replayed: true;
  id: string;
}
