import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { DELIVERY_JOB_SOURCES } from '../delivery/delivery-job.v2';
import { TenantCommand } from '../tenancy/tenant-command';

/**
 * Hookrelay's own operator API over subscriptions' delivery health (`/hookrelay/v1/subscriptions/…`):
 * the paused ones (circuit breaker: a 410, `webhook-delivery: disable`, or failing longer than
 * DELIVERY_PAUSE_AFTER_MS) and resuming one. Served by the callbacks service. Wire format (ADR 0002).
 */
export const DELIVERY_SUBSCRIPTION_SUBJECTS_V1 = {
  listPaused: 'callbacks.delivery-subscription.list-paused.v1',
  resume: 'callbacks.delivery-subscription.resume.v1',
} as const;

export type SubscriptionSource = (typeof DELIVERY_JOB_SOURCES)[number];

export class ListPausedSubscriptionsCommand extends TenantCommand {}

export class ResumeSubscriptionCommand extends TenantCommand {
  @IsIn(DELIVERY_JOB_SOURCES, { message: `source must be one of ${DELIVERY_JOB_SOURCES.join(', ')}` }) source!: SubscriptionSource;
  @IsString() @MinLength(1) @MaxLength(64, { message: 'subscription_id must be at most 64 characters' }) subscriptionId!: string;
}

export interface PausedSubscriptionView {
  source: SubscriptionSource;
  subscription_id: string;
  url: string | null;
  paused_date: string;
  failing_since_date: string | null;
  last_error: string | null;
}

export interface ResumedSubscriptionView {
  resumed: true;
  /** Deliveries that had closed DISABLED while it was paused and are sent again. */
  reopened: number;
}
