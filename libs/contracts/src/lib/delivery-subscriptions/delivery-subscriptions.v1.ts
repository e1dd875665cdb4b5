import { IsIn, IsObject, IsString, MaxLength, MinLength } from 'class-validator';
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
  /** Every subscription of the tenant, any source (the console's Subscriptions page). */
  list: 'callbacks.delivery-subscription.list.v1',
  /** An operator's pause (the circuit breaker pauses by itself). */
  pause: 'callbacks.delivery-subscription.pause.v1',
  rotateSecret: 'callbacks.delivery-subscription.rotate-secret.v1',
} as const;

export type SubscriptionSource = (typeof DELIVERY_JOB_SOURCES)[number];

export class ListPausedSubscriptionsCommand extends TenantCommand {}

export class ResumeSubscriptionCommand extends TenantCommand {
  @IsIn(DELIVERY_JOB_SOURCES, { message: `source must be one of ${DELIVERY_JOB_SOURCES.join(', ')}` }) source!: SubscriptionSource;
  @IsString() @MinLength(1) @MaxLength(64, { message: 'subscription_id must be at most 64 characters' }) subscriptionId!: string;
}

/** Pause and rotate-secret name one subscription the same way resume does. */
export class SubscriptionRefCommand extends ResumeSubscriptionCommand {}

/**
 * GET /hookrelay/v1/subscriptions: the query parameters as they came (source, paused, limit, after), each a
 * single string; the callbacks service parses them and answers 400 naming a bad one.
 */
export class ListSubscriptionsCommand extends TenantCommand {
  @IsObject() query!: Record<string, string>;
}

/** A subscription as the console lists it: no credentials (the policy carries none). */
export interface SubscriptionView {
  source: SubscriptionSource;
  subscription_id: string;
  group: string | null;
  label: string | null;
  url: string | null;
  policy: Record<string, unknown> | null;
  paused: boolean;
  paused_at: string | null;
  failing_since: string | null;
  last_error: string | null;
  last_success_at: string | null;
  last_failure_at: string | null;
}

export interface SubscriptionPageView {
  data: SubscriptionView[];
  /** Pass as `after` for the next page; null on the last one. */
  next_after: string | null;
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
