import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { TenantCommand } from '../tenancy/tenant-command';
import { IsHttpUrl } from '../validation/is-http-url.decorator';
import { MAX_URL_LENGTH } from '../validation/http-url.util';
import type { SubscriptionSource } from '../delivery-subscriptions/delivery-subscriptions.v1';

/**
 * Operational events (ADR 0012): what happens to a tenant's subscriptions, told to the tenant (its
 * operational webhook, the console) and to internal consumers (JetStream). The type names are wire format.
 */
export const OPERATIONAL_EVENT_TYPES_V1 = ['subscription.paused', 'subscription.resumed', 'delivery.exhausted'] as const;
export type OperationalEventTypeV1 = (typeof OPERATIONAL_EVENT_TYPES_V1)[number];

/**
 * JetStream subject of one event type (stream OPERATIONAL_EVENTS): `delivery.operational-event.<type with
 * dots as dashes>.v1`, e.g. `delivery.operational-event.subscription-paused.v1`. Wire format.
 */
export function operationalEventSubjectV1(type: OperationalEventTypeV1): string {
  return `delivery.operational-event.${type.replace(/\./g, '-')}.v1`;
}

/** Every operational event subject (NATS permissions and the stream are built from it). */
export const OPERATIONAL_EVENT_SUBJECTS_V1: readonly string[] = OPERATIONAL_EVENT_TYPES_V1.map(operationalEventSubjectV1);

export interface OperationalEventDataV1 {
  source: SubscriptionSource;
  subscription_id: string;
  url?: string | null;
  reason?: string | null;
  delivery_id?: string;
}

/** The body delivered to an operational webhook (Standard Webhooks signed, source operational_webhook). */
export interface OperationalWebhookBodyV1 {
  type: OperationalEventTypeV1;
  /** ISO-8601 UTC. */
  timestamp: string;
  data: OperationalEventDataV1;
}

/** What internal consumers read on the JetStream subject: the webhook body plus the tenant. */
export interface OperationalEventMessageV1 extends OperationalWebhookBodyV1 {
  tenant_id: string;
}

/** Request/reply subjects of the operational webhook and the event list; served by the callbacks service. */
export const OPERATIONAL_EVENTS_SUBJECTS_V1 = {
  getWebhook: 'callbacks.operational-webhook.get.v1',
  putWebhook: 'callbacks.operational-webhook.put.v1',
  deleteWebhook: 'callbacks.operational-webhook.delete.v1',
  listEvents: 'callbacks.operational-event.list.v1',
} as const;

export class OperationalWebhookInput {
  @IsString({ message: 'url is required and must be a string' }) @MaxLength(MAX_URL_LENGTH)
  @IsHttpUrl({}, { message: 'url must be a valid http(s) URL' })
  url!: string;

  /** Default: every type. */
  @IsOptional() @IsArray({ message: 'events must be an array' }) @ArrayMaxSize(OPERATIONAL_EVENT_TYPES_V1.length * 2)
  @IsIn(OPERATIONAL_EVENT_TYPES_V1, { each: true, message: `events must hold only ${OPERATIONAL_EVENT_TYPES_V1.join(', ')}` })
  events?: OperationalEventTypeV1[];
}

export class PutOperationalWebhookCommand extends TenantCommand {
  @IsObject({ message: 'request body must be a JSON object' }) @ValidateNested() @Type(() => OperationalWebhookInput)
  body!: OperationalWebhookInput;
}

export class OperationalWebhookRefCommand extends TenantCommand {}

/** GET /hookrelay/v1/operational-events: limit and before, as they came (parsed by the callbacks service). */
export class ListOperationalEventsCommand extends TenantCommand {
  @IsObject() query!: Record<string, string>;
}

export interface OperationalWebhookView {
  url: string;
  events: OperationalEventTypeV1[];
  created_at: string;
  updated_at: string;
  /** Only in the answer to the PUT that created it. */
  signing_secret?: string;
}

export interface OperationalEventView {
  id: string;
  type: OperationalEventTypeV1;
  occurred_at: string;
  data: OperationalEventDataV1;
  delivery_id: string | null;
}

export interface OperationalEventPageView {
  data: OperationalEventView[];
  next_before: string | null;
}
