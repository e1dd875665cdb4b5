import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';

/**
 * Delivery jobs, v2 (ADR 0006). Two lanes on stream DELIVERY_JOBS_V2, each with its own durable consumer and
 * its own worker slots, so waiting or failing retries never sit in front of first attempts:
 *  - fresh: published once when a delivery is accepted (its first attempt);
 *  - retry: published by the scheduler when a stored delivery's next attempt is due (retries, recalls,
 *    work parked behind a busy endpoint, and jobs recovered after a loss).
 * A job carries everything one attempt needs except the subscription's current target (URL, headers, auth,
 * secrets, health), which workers read from a per-process cache kept correct by DELIVERY_TARGET_CHANGED.
 * The URL/headers/policy/authorization in the job are the ones the delivery was accepted with: used only
 * when the subscription has no stored target configuration (rows created before targets existed).
 * Wire format (ADR 0002): do not change without a new version.
 */
export const DELIVERY_JOB_SUBJECTS_V2 = {
  fresh: 'delivery.job.fresh.v2',
  retry: 'delivery.job.retry.v2',
} as const;
export type DeliveryLane = keyof typeof DELIVERY_JOB_SUBJECTS_V2;
export const DELIVERY_LANES: readonly DeliveryLane[] = ['fresh', 'retry'];

/** The durable consumer of each lane; every worker of every service pulls from both. */
export const DELIVERY_CONSUMERS_V2: Record<DeliveryLane, string> = {
  fresh: 'delivery-fresh',
  retry: 'delivery-retry',
};

export const DELIVERY_JOB_SOURCES = ['envelope_callback', 'application_webhook', 'integration_point', 'operational_webhook'] as const;
export const DELIVERY_JOB_APPLICATION_STATES = ['NEW', 'RETRY', 'RECALL'] as const;

export class DeliveryJobSnapshot {
  @IsString() @MaxLength(2048) url!: string;
  @IsObject() headers!: Record<string, string>;
  @IsObject() policy!: Record<string, unknown>;
  @IsOptional() @IsString() authorizationSealed!: string | null;
}

export class DeliveryJobV2 {
  @IsUUID() tenantId!: string;
  @IsString() @MaxLength(36) deliveryId!: string;
  @IsIn(DELIVERY_JOB_SOURCES) source!: (typeof DELIVERY_JOB_SOURCES)[number];
  @IsString() @MaxLength(64) subscriptionId!: string;
  @IsString() @MaxLength(255) event!: string;
  @IsString() payload!: string;
  /** Attempts made before this one. */
  @IsInt() @Min(0) attempts!: number;
  /** The row's version when the job was made: the attempt's record applies only if it is unchanged. */
  @IsInt() @Min(0) version!: number;
  @IsIn(DELIVERY_JOB_APPLICATION_STATES) applicationState!: (typeof DELIVERY_JOB_APPLICATION_STATES)[number];
  /** Epoch ms. */
  @IsInt() createdAt!: number;
  @ValidateNested() @Type(() => DeliveryJobSnapshot) snapshot!: DeliveryJobSnapshot;
}

/**
 * Published (plain NATS, every process listens) after a subscription's delivery target changed in the
 * database: URL, headers, auth, secrets, or health (paused/resumed). Each process drops its cached copy.
 */
export const DELIVERY_TARGET_CHANGED_SUBJECT_V1 = 'delivery.target.changed.v1';
export class DeliveryTargetChanged {
  @IsUUID() tenantId!: string;
  @IsIn(DELIVERY_JOB_SOURCES) source!: (typeof DELIVERY_JOB_SOURCES)[number];
  @IsString() @MaxLength(64) subscriptionId!: string;
}

/**
 * Each delivery worker process announces itself here every few seconds; workers divide the per-endpoint
 * and per-tenant concurrency caps by the number of live workers so the caps hold across all replicas.
 */
export const DELIVERY_WORKER_PRESENCE_SUBJECT_V1 = 'delivery.worker.presence.v1';
export class DeliveryWorkerPresence {
  @IsString() @MaxLength(64) workerId!: string;
  /** How long this announcement stays valid (ms). */
  @IsInt() @Min(1) ttlMs!: number;
}
