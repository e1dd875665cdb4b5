import { Type } from 'class-transformer';
import { IsObject, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { TenantCommand } from '../tenancy/tenant-command';
import { CreateEnvelopeCallbackInput, EnvelopeCallbackView } from './envelope-callback.input';

/**
 * Request/reply subjects of the callbacks service (DocStudio envelope callback API).
 * Wire format: versioned, never changed without a migration.
 */
export const ENVELOPE_CALLBACK_SUBJECTS_V1 = {
  create: 'callbacks.envelope-callback.create.v1',
  list: 'callbacks.envelope-callback.list.v1',
  remove: 'callbacks.envelope-callback.remove.v1',
  check: 'callbacks.envelope-callback.check.v1',
  send: 'callbacks.envelope-callback.send.v1',
  samplePayload: 'callbacks.envelope-callback.sample-payload.v1',
  getSecret: 'callbacks.envelope-callback.get-secret.v1',
  rotateSecret: 'callbacks.envelope-callback.rotate-secret.v1',
} as const;

export class MailboxScopedCommand extends TenantCommand {
  @IsUUID('all', { message: 'mailbox header must be a UUID' })
  mailbox!: string;
}

export class CreateEnvelopeCallbackCommand extends MailboxScopedCommand {
  @IsObject({ message: 'request body must be a JSON object' })
  @ValidateNested()
  @Type(() => CreateEnvelopeCallbackInput)
  body!: CreateEnvelopeCallbackInput;
}

export class ListEnvelopeCallbacksCommand extends MailboxScopedCommand {}

export class RemoveEnvelopeCallbackCommand extends MailboxScopedCommand {
  @IsString() @MaxLength(64) id!: string;
}

/** One callback of the mailbox, by id (secret, rotate). An unknown id is a 404, not a 400. */
export class EnvelopeCallbackRefCommand extends MailboxScopedCommand {
  @IsString() @MaxLength(64) id!: string;
}

/** check / send: a callback and a stored envelope of the same mailbox. */
export class EnvelopeCallbackTestCommand extends EnvelopeCallbackRefCommand {
  @IsUUID('all', { message: 'envelopeUuid query parameter is required and must be a UUID' })
  envelopeUuid!: string;
}

export class SampleEnvelopePayloadCommand extends TenantCommand {}

/** The add response: the seed's EnvelopeCallbackDTO plus the callback's signing secret, shown this once. */
export interface CreatedEnvelopeCallbackView extends EnvelopeCallbackView {
  signingSecret: string;
}

export interface EnvelopeCallbackSecretView {
  signingSecret: string;
}

/** DocStudio FailedEnvelopeCallbackFilterDTO: the envelope's value of each property the filter rejected. */
export interface EnvelopeCheckFailedView {
  labels?: string[];
  status?: string;
  subject?: string;
  receiveDate?: number;
  expireDate?: number | null;
  template?: string;
  sender?: string;
  scope?: string;
}

/** DocStudio EnvelopeCheckResultDTO. */
export interface EnvelopeCheckResultView {
  passed: boolean;
  failed: EnvelopeCheckFailedView;
}

/** DocStudio EnvelopeSendResultDTO: the receiver's status code (0 when there was no response) and body. */
export interface EnvelopeSendResultView {
  code: number;
  body: string;
}
