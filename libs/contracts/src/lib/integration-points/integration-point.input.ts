import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MAX_URL_LENGTH } from '../validation/http-url.util';
import { IsHttpUrl } from '../validation/is-http-url.decorator';

/** Ids look like UUIDs without a version check (the seed's ids are time-ordered, not RFC 4122 v4). */
export const INTEGRATION_POINT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const RECV_TIMEOUT_MS = { min: 100, max: 300_000, default: 30_000 } as const;

export class IntegrationPointOptsInput {
  @IsOptional() @IsString() @MaxLength(500) title?: string;
  @IsOptional() @IsString() @MaxLength(4000) comment?: string;
  @IsOptional() @IsBoolean() allow_files_api?: boolean;
  @IsOptional() @IsBoolean() issync?: boolean;
  @IsOptional() @IsInt() @Min(RECV_TIMEOUT_MS.min) @Max(RECV_TIMEOUT_MS.max) recv_timeout?: number;
  @IsOptional() @IsArray() @IsString({ each: true }) @MaxLength(255, { each: true }) roles?: string[];
  @IsOptional() @Matches(INTEGRATION_POINT_ID_PATTERN, { message: 'userid must be a UUID' }) userid?: string;
}

/** Writable fields shared by create and update. */
export class IntegrationPointFieldsInput {
  @IsOptional() @IsString() @MaxLength(4096) token_remote?: string;
  @IsOptional() @IsString() @MaxLength(4096) token_remote2?: string;
  /** http(s) URL, or empty: a channel used only for inbound webhooks has no remote URL. */
  @IsOptional() @IsString() @MaxLength(MAX_URL_LENGTH) @IsHttpUrl({ allowEmpty: true }, { message: 'url must be an http(s) URL or empty' }) url?: string;
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{0,255}$/, { message: 'recv_svcscriptcode may hold only letters, digits, _ and - (it names a NATS subject)' })
  recv_svcscriptcode?: string;
  @IsOptional() @IsString() @MaxLength(255) recv_svcscriptcode_ws?: string;
  @IsOptional() @IsString() @MaxLength(255) send_svcscriptcode?: string;
  @IsOptional() @IsString() @MaxLength(255) send_svcscriptcode_ws?: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => IntegrationPointOptsInput) opts?: IntegrationPointOptsInput;
}

export class CreateIntegrationPointInput extends IntegrationPointFieldsInput {
  @IsOptional() @Matches(INTEGRATION_POINT_ID_PATTERN, { message: 'id must be a UUID (8-4-4-4-12 hex)' }) id?: string;
  @IsString() @Length(1, 255) code!: string;
  @IsString() @Length(1, 64) type!: string;
}

/**
 * PATCH body. id and token_local are immutable: they may be sent back unchanged (a client echoing a GET)
 * but any other value is refused by the service; ext is system-managed.
 */
export class UpdateIntegrationPointInput extends IntegrationPointFieldsInput {
  @IsOptional() @IsString() id?: string;
  @IsOptional() @IsString() token_local?: string;
  @IsOptional() @IsString() @Length(1, 255) code?: string;
  @IsOptional() @IsString() @Length(1, 64) type?: string;
}
