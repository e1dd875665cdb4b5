import { Type } from 'class-transformer';
import { IsInt, IsObject, Max, Min, ValidateNested } from 'class-validator';
import { TenantCommand } from '../tenancy/tenant-command';
import { IsViewerRole, ViewerRole } from '../tenancy/viewer-role';
import { APPLICATION_ID, ApplicationWebhookInput } from './application-webhook.input';

/**
 * Request/reply subjects of the webhooks service (Conpeek application webhook API).
 * Wire format: versioned, never changed without a migration.
 */
export const APPLICATION_WEBHOOK_SUBJECTS_V1 = {
  put: 'webhooks.application-webhook.put.v1',
  get: 'webhooks.application-webhook.get.v1',
  delete: 'webhooks.application-webhook.delete.v1',
  getSecret: 'webhooks.application-webhook-secret.get.v1',
  rotateSecret: 'webhooks.application-webhook-secret.rotate.v1',
} as const;

export class ApplicationScopedCommand extends TenantCommand {
  @IsInt({ message: 'application_id must be a positive integer' })
  @Min(APPLICATION_ID.min, { message: 'application_id must be a positive integer' })
  @Max(APPLICATION_ID.max, { message: 'application_id is too large' })
  applicationId!: number;
}

export class PutApplicationWebhookCommand extends ApplicationScopedCommand {
  @IsObject({ message: 'request body must be a JSON object' })
  @ValidateNested()
  @Type(() => ApplicationWebhookInput)
  body!: ApplicationWebhookInput;
}

export class GetApplicationWebhookCommand extends ApplicationScopedCommand {
  /** Custom header values that look like credentials are masked unless this is admin. */
  @IsViewerRole()
  viewerRole?: ViewerRole;
}
export class DeleteApplicationWebhookCommand extends ApplicationScopedCommand {}
