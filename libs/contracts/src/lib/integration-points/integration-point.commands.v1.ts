import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { TenantCommand } from '../tenancy/tenant-command';
import { IsViewerRole, ViewerRole } from '../tenancy/viewer-role';
import { CreateIntegrationPointInput, UpdateIntegrationPointInput } from './integration-point.input';

/**
 * Request/reply subjects of the integration-points service (Incoplax/Era API).
 * Subjects are wire format: hierarchical and versioned; they must not change without a migration
 * (deploy the new version beside the old, move callers, then retire the old one).
 */
export const INTEGRATION_POINT_SUBJECTS_V1 = {
  create: 'integration-points.integration-point.create.v1',
  get: 'integration-points.integration-point.get.v1',
  list: 'integration-points.integration-point.list.v1',
  update: 'integration-points.integration-point.update.v1',
  delete: 'integration-points.integration-point.delete.v1',
  lookup: 'integration-points.integration-point.lookup.v1',
  resolveToken: 'integration-points.integration-token.resolve.v1',
  getSecret: 'integration-points.integration-point-secret.get.v1',
  rotateSecret: 'integration-points.integration-point-secret.rotate.v1',
} as const;

/** Raw query-string values; the service parses them with the filtering lib so errors name the parameter. */
export class IncoplaxQueryParams {
  @IsOptional() @IsString() @MaxLength(8192) filter?: string;
  @IsOptional() @IsString() @MaxLength(2048) mask?: string;
  @IsOptional() @IsString() @MaxLength(2048) order?: string;
  @IsOptional() @IsString() @MaxLength(32) offset?: string;
  @IsOptional() @IsString() @MaxLength(32) limit?: string;
  @IsOptional() @IsString() @MaxLength(16) flat?: string;
}

export class CreateIntegrationPointCommand extends TenantCommand {
  @IsObject({ message: 'request body must be a JSON object' })
  @ValidateNested()
  @Type(() => CreateIntegrationPointInput)
  body!: CreateIntegrationPointInput;
}

export class GetIntegrationPointCommand extends TenantCommand {
  @IsString() @MaxLength(255) id!: string;
  @IsObject() @ValidateNested() @Type(() => IncoplaxQueryParams) query!: IncoplaxQueryParams;
  /** token_local, token_remote and token_remote2 are masked unless this is admin. */
  @IsViewerRole() viewerRole?: ViewerRole;
}

export class ListIntegrationPointsCommand extends TenantCommand {
  @IsObject() @ValidateNested() @Type(() => IncoplaxQueryParams) query!: IncoplaxQueryParams;
  /** token_local, token_remote and token_remote2 are masked unless this is admin. */
  @IsViewerRole() viewerRole?: ViewerRole;
}

export class UpdateIntegrationPointCommand extends TenantCommand {
  @IsString() @MaxLength(255) id!: string;
  @IsObject({ message: 'request body must be a JSON object' })
  @ValidateNested()
  @Type(() => UpdateIntegrationPointInput)
  body!: UpdateIntegrationPointInput;
}

export class DeleteIntegrationPointCommand extends TenantCommand {
  @IsString() @MaxLength(255) id!: string;
}

/** LOOKUP body: a JSON string key matched against id, code and token_local. */
export class LookupIntegrationPointCommand extends TenantCommand {
  @IsString({ message: 'request body must be a JSON string (the key to look up)' })
  @MaxLength(255)
  key!: string;
}

export class ResolveIntegrationTokenCommand extends TenantCommand {
  @IsString() @MaxLength(255) token!: string;
  /** The caller's tenant name, shown as the Incoplax "domain". */
  @IsString() @MaxLength(200) domain!: string;
}

export interface IntegrationTokenView {
  domain: string;
  integration_point: { id: string; _links: { self: { href: string } } };
}

