import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { ApplicationScopedCommand } from './application-webhook.commands.v1';
import { IdempotencyKeyProperty } from '../delivery/idempotency-key';

/**
 * An application event to deliver to the application's webhook, as the Conpeek payload
 * `{event_name, event_time, event_type, data}`. Published by the gateway (POST /application/{id}/events)
 * or by internal producers. Wire format (ADR 0002).
 */
export const APPLICATION_EVENT_SUBJECTS_V1 = {
  publish: 'webhooks.application-event.publish.v1',
} as const;

export const CONPEEK_DATE_PATTERN = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export class ApplicationEventInput {
  @IsString({ message: 'event_name is required and must be a string' }) @Matches(/^[A-Za-z0-9_.:-]{1,128}$/, { message: 'event_name must be 1-128 characters of letters, digits, _ . : -' })
  event_name!: string;

  @IsString({ message: 'event_type is required and must be a string' }) @Matches(/^[A-Za-z0-9_.:-]{1,128}$/, { message: 'event_type must be 1-128 characters of letters, digits, _ . : -' })
  event_type!: string;

  /** UTC "YYYY-MM-DD HH:mm:ss"; the time of acceptance when absent. */
  @IsOptional() @IsString() @Matches(CONPEEK_DATE_PATTERN, { message: 'event_time must be a UTC date "YYYY-MM-DD HH:mm:ss"' })
  event_time?: string;

  @IsDefined({ message: 'data is required (an object)' }) @IsObject({ message: 'data must be an object' })
  data!: Record<string, unknown>;
}

export class PublishApplicationEventCommand extends ApplicationScopedCommand {
  /** The client's Idempotency-Key: a repeat within 24 h gets the first answer and creates nothing. */
  @IdempotencyKeyProperty() idempotencyKey?: string;

  @IsObject({ message: 'request body must be a JSON object' })
  @ValidateNested()
  @Type(() => ApplicationEventInput)
  body!: ApplicationEventInput;
}

export interface PublishedApplicationEvent {
  /** The callback (delivery) id, to follow it in GET /callback/{id}. */
  id: string;
}

export const MAX_EVENT_PAYLOAD_BYTES = 256 * 1024;
