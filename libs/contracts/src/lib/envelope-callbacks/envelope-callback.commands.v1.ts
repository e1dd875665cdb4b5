import { Type } from 'class-transformer';
import { IsObject, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { TenantCommand } from '../tenancy/tenant-command';
import { CreateEnvelopeCallbackInput } from './envelope-callback.input';

/**
 * Request/reply subjects of the callbacks service (DocStudio envelope callback API).
 * Wire format: versioned, never changed without a migration.
 */
export const ENVELOPE_CALLBACK_SUBJECTS_V1 = {
  create: 'callbacks.envelope-callback.create.v1',
  list: 'callbacks.envelope-callback.list.v1',
  remove: 'callbacks.envelope-callback.remove.v1',
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
