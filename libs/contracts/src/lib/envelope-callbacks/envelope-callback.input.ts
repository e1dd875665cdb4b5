import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { MAX_URL_LENGTH } from '../validation/http-url.util';
import { IsHttpUrl } from '../validation/is-http-url.decorator';
import { IsEnvelopeIsoDate } from './envelope-date.validators';

export const ENVELOPE_STATUSES = ['WAITING', 'COMPLETED', 'CANCELLED', 'EXPIRED'] as const;
export type EnvelopeStatus = (typeof ENVELOPE_STATUSES)[number];
export const ENVELOPE_SCOPES = ['inbox', 'outbox'] as const;
export type EnvelopeScope = (typeof ENVELOPE_SCOPES)[number];

/** No ":" (it separates login from password) and no control characters, RFC 7617. */
const BASIC_AUTH_LOGIN = /^[^:\p{Cc}]*$/u;

export const CALLBACK_BOUNDS = { retries: { min: 0, max: 10 }, timeoutMs: { min: 100, max: 60_000 }, successCode: { min: 100, max: 599 } } as const;

/** DocStudio documents status and scope as case-insensitive: normalise before validating. */
const upper = ({ value }: { value: unknown }): unknown => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.toUpperCase() : v)) : value);
const lower = ({ value }: { value: unknown }): unknown => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.toLowerCase() : v)) : value);

export class EnvelopeCallbackFilterInput {
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(255, { each: true }) label?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(4) @Transform(upper)
  @IsIn(ENVELOPE_STATUSES, { each: true, message: `status values must be among: ${ENVELOPE_STATUSES.join(', ')}` })
  status?: EnvelopeStatus[];
  @IsOptional() @IsString() @MaxLength(1000) subject?: string;
  @IsOptional() @IsEnvelopeIsoDate({ message: 'receiveDateFrom must be an ISO 8601 date-time' }) receiveDateFrom?: string | null;
  @IsOptional() @IsEnvelopeIsoDate({ message: 'receiveDateTo must be an ISO 8601 date-time' }) receiveDateTo?: string | null;
  @IsOptional() @IsEnvelopeIsoDate({ message: 'expireDateFrom must be an ISO 8601 date-time' }) expireDateFrom?: string | null;
  @IsOptional() @IsEnvelopeIsoDate({ message: 'expireDateTo must be an ISO 8601 date-time' }) expireDateTo?: string | null;
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true, message: 'template values must be UUIDs' }) template?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true, message: 'sender values must be UUIDs' }) sender?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(2) @Transform(lower)
  @IsIn(ENVELOPE_SCOPES, { each: true, message: `scope values must be among: ${ENVELOPE_SCOPES.join(', ')}` })
  scope?: EnvelopeScope[];
}

/** The seed's create body (DocStudio CreateEnvelopeCallbackDTO). */
export class CreateEnvelopeCallbackInput {
  @IsObject({ message: 'filter is required and must be an object (it may be empty)' })
  @ValidateNested()
  @Type(() => EnvelopeCallbackFilterInput)
  filter!: EnvelopeCallbackFilterInput;

  @IsString({ message: 'url is required and must be a string' }) @MaxLength(MAX_URL_LENGTH)
  @IsHttpUrl({}, { message: 'url must be a valid http(s) URL' })
  url!: string;

  @IsInt({ message: 'retries is required and must be an integer from 0 to 10' })
  @Min(CALLBACK_BOUNDS.retries.min, { message: 'retries must be from 0 to 10' })
  @Max(CALLBACK_BOUNDS.retries.max, { message: 'retries must be from 0 to 10' })
  retries!: number;

  @IsInt({ message: 'timeout is required and must be an integer number of milliseconds from 100 to 60000' })
  @Min(CALLBACK_BOUNDS.timeoutMs.min, { message: 'timeout must be from 100 to 60000 ms' })
  @Max(CALLBACK_BOUNDS.timeoutMs.max, { message: 'timeout must be from 100 to 60000 ms' })
  timeout!: number;

  @IsOptional() @IsInt({ message: 'successCode must be an HTTP status code' })
  @Min(CALLBACK_BOUNDS.successCode.min, { message: 'successCode must be an HTTP status code (100-599)' })
  @Max(CALLBACK_BOUNDS.successCode.max, { message: 'successCode must be an HTTP status code (100-599)' })
  successCode?: number;

  @ValidateIf((o: CreateEnvelopeCallbackInput) => o.login !== undefined || o.password !== undefined)
  @IsString({ message: 'login must be a string when password is given' }) @MaxLength(255)
  // Basic auth joins login and password with ":" (RFC 7617): a ":" in the login would move the split.
  @Matches(BASIC_AUTH_LOGIN, { message: 'login may not contain ":" or control characters (Basic auth sends login:password)' })
  login?: string;

  @ValidateIf((o: CreateEnvelopeCallbackInput) => o.login !== undefined || o.password !== undefined)
  @IsString({ message: 'password must be a string when login is given' }) @MaxLength(1024)
  password?: string;
}

export interface EnvelopeCallbackFilterView {
  label: string[] | null;
  status: EnvelopeStatus[] | null;
  subject: string | null;
  receiveDateFrom: string | null;
  receiveDateTo: string | null;
  expireDateFrom: string | null;
  expireDateTo: string | null;
  template: string[] | null;
  sender: string[] | null;
  scope: EnvelopeScope[] | null;
}

/** DocStudio EnvelopeCallbackDTO: login/password are never returned. */
export interface EnvelopeCallbackView {
  id: string;
  filter: EnvelopeCallbackFilterView;
  url: string;
  retries: number;
  timeout: number;
  successCode: number;
  authType: 'BASIC' | 'NONE';
}
