import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateNested,
} from 'class-validator';
import { IsEnvelopeDate } from './envelope-date.validators';
import { MailboxScopedCommand } from './envelope-callback.commands.v1';
import { IdempotencyKeyProperty } from '../delivery/idempotency-key';
import { ENVELOPE_SCOPES, ENVELOPE_STATUSES, EnvelopeScope, EnvelopeStatus } from './envelope-callback.input';

/**
 * Envelope events: the envelopes whose callbacks should fire, from the gateway (POST /api/v1/envelope/events)
 * or from internal producers. Request/reply: the reply comes once every matching delivery is stored.
 * Wire format (ADR 0002): never changed without a new version.
 */
export const ENVELOPE_EVENT_SUBJECTS_V1 = {
  publish: 'callbacks.envelope-event.publish.v1',
} as const;

export const MAX_ENVELOPE_EVENTS_PER_REQUEST = 1000;

const upper = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.toUpperCase() : value);
const lower = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.toLowerCase() : value);

/** One envelope event: the envelope as DocStudio's callback payload describes it, plus its scope. */
export class EnvelopeEventInput {
  @IsUUID('all', { message: 'uuid is required and must be a UUID (the envelope)' })
  uuid!: string;

  /** When given it must be the request's mailbox. */
  @IsOptional() @IsUUID('all', { message: 'mailbox must be a UUID' })
  mailbox?: string;

  @IsOptional() @IsArray({ message: 'label must be an array of strings' }) @ArrayMaxSize(100)
  @IsString({ each: true, message: 'label values must be strings' }) @MaxLength(255, { each: true })
  label?: string[];

  /** Case-insensitive; only the statuses DocStudio fires callbacks for. */
  @Transform(upper)
  @IsIn(ENVELOPE_STATUSES, { message: `status is required and must be one of: ${ENVELOPE_STATUSES.join(', ')}` })
  status!: EnvelopeStatus;

  @IsString({ message: 'subject is required and must be a string' }) @MaxLength(1000)
  subject!: string;

  @IsEnvelopeDate()
  receiveDate!: string | number;

  @IsOptional() @IsEnvelopeDate()
  expireDate?: string | number | null;

  @IsUUID('all', { message: 'template is required and must be a UUID' })
  template!: string;

  @IsUUID('all', { message: 'sender is required and must be a UUID' })
  sender!: string;

  /** Case-insensitive. */
  @Transform(lower)
  @IsIn(ENVELOPE_SCOPES, { message: `scope is required and must be one of: ${ENVELOPE_SCOPES.join(', ')}` })
  scope!: EnvelopeScope;
}

export class PublishEnvelopeEventsCommand extends MailboxScopedCommand {
  /** The client's Idempotency-Key: a repeat within 24 h gets the first answer and creates nothing. */
  @IdempotencyKeyProperty() idempotencyKey?: string;

  /** One event or a list of them; a single event arrives here as a one-element list. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? [value] : value))
  @IsArray({ message: 'request body must be an envelope event or an array of envelope events' })
  @ArrayMinSize(1, { message: 'request body must be an envelope event or a non-empty array of envelope events' })
  @ArrayMaxSize(MAX_ENVELOPE_EVENTS_PER_REQUEST, { message: `request body may hold at most ${MAX_ENVELOPE_EVENTS_PER_REQUEST} envelope events` })
  // ValidateNested alone recurses into a nested list ([[]] passed and reached the service as an "event").
  @IsObject({ each: true, message: 'each envelope event must be a JSON object' })
  @ValidateNested({ each: true })
  @Type(() => EnvelopeEventInput)
  body!: EnvelopeEventInput[];
}

export interface PublishedEnvelopeEvents {
  /** Events accepted (stored). */
  accepted: number;
  /** Deliveries created, one per (event, matching callback). */
  deliveries: number;
}

/** DocStudio CallbackEnvelopeDataDTO: the body POSTed to a callback's URL (dates in UNIX ms). */
export interface EnvelopeCallbackPayload {
  mailbox: string;
  uuid: string;
  label: string[];
  status: string;
  subject: string;
  receiveDate: number;
  expireDate: number | null;
  template: string;
  sender: string;
}
