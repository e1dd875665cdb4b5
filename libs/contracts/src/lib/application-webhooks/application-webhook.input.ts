import { Type } from 'class-transformer';
import {
  IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested,
  ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface, Validate,
} from 'class-validator';
import { HTTP_HEADER_NAME_PATTERN, HTTP_HEADER_VALUE_PATTERN } from '../http/http-header.patterns';
import { MAX_URL_LENGTH } from '../validation/http-url.util';
import { IsHttpUrl } from '../validation/is-http-url.decorator';

export const BACKOFF_TYPES = ['constant', 'linear', 'multiplier'] as const;
export type BackoffType = (typeof BACKOFF_TYPES)[number];

export const RETRY_BOUNDS = {
  retryValueSeconds: { min: 0.01, max: 86_400 },
  maxRetries: { min: 0, max: 25 },
  backoffValue: { min: 0, max: 86_400 },
} as const;

/**
 * Headers a user may not set: they frame the HTTP message, or they carry our signature (every `webhook-*`
 * name is ours too, see isReservedHeaderName). `authorization` is reserved only where the subscription has
 * its own credentials (authorizationReserved).
 */
export const RESERVED_HEADER_NAMES = new Set([
  'connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authorization',
  'proxy-authenticate', 'proxy-connection', 'host', 'content-length', 'content-type', 'expect',
  'webhook-id', 'webhook-timestamp', 'webhook-signature',
]);

/** Whether a custom header may not carry this name (any case): the delivery engine drops such stored headers too. */
export function isReservedHeaderName(name: string, authorizationReserved = false): boolean {
  const lower = name.toLowerCase();
  return RESERVED_HEADER_NAMES.has(lower) || lower.startsWith('webhook-') || (authorizationReserved && lower === 'authorization');
}
const HEADER_NAME = HTTP_HEADER_NAME_PATTERN;
const HEADER_VALUE = HTTP_HEADER_VALUE_PATTERN;
export const MAX_CUSTOM_HEADERS = 50;

@ValidatorConstraint({ name: 'customHeaders' })
export class CustomHeadersConstraint implements ValidatorConstraintInterface {
  private problem = '';

  validate(value: unknown): boolean {
    this.problem = customHeadersProblem(value) ?? '';
    return this.problem === '';
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} ${this.problem}`;
  }
}

/**
 * Why custom headers are refused, or null. HTTP names are case-insensitive, so `X-A` and `x-a` together are
 * a duplicate (both would go out): refused here rather than one silently dropped. `authorizationReserved`:
 * the subscription sends its own Authorization, which a custom one may not override.
 */
export function customHeadersProblem(value: unknown, authorizationReserved = false): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object of header name → string value';
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_CUSTOM_HEADERS) return `may hold at most ${MAX_CUSTOM_HEADERS} headers`;
  const seen = new Map<string, string>();
  for (const [name, headerValue] of entries) {
    if (!HEADER_NAME.test(name)) return `has an invalid header name "${name.slice(0, 64)}"`;
    if (isReservedHeaderName(name, authorizationReserved)) return `may not set the reserved header "${name}"`;
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined) return `has "${earlier}" and "${name}": header names are case-insensitive, give each once`;
    seen.set(name.toLowerCase(), name);
    if (typeof headerValue !== 'string') return `value of "${name}" must be a string`;
    if (!HEADER_VALUE.test(headerValue)) return `value of "${name}" has forbidden characters or is longer than 4096`;
  }
  return null;
}

export class RetryConfigInput {
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(RETRY_BOUNDS.retryValueSeconds.min) @Max(RETRY_BOUNDS.retryValueSeconds.max)
  retry_value!: number;

  @IsInt() @Min(RETRY_BOUNDS.maxRetries.min) @Max(RETRY_BOUNDS.maxRetries.max)
  max_retries!: number;

  @IsIn(BACKOFF_TYPES, { message: `backoff_type must be one of: ${BACKOFF_TYPES.join(', ')}` })
  backoff_type!: BackoffType;

  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(RETRY_BOUNDS.backoffValue.min) @Max(RETRY_BOUNDS.backoffValue.max)
  backoff_value!: number;
}

/** The seed's PUT body (Conpeek application webhook). */
export class ApplicationWebhookInput {
  @IsString({ message: 'url is required and must be a string' }) @MaxLength(MAX_URL_LENGTH)
  @IsHttpUrl({}, { message: 'url must be a valid http(s) URL' })
  url!: string;

  @IsIn([0, 1], { message: 'retry_enabled must be 0 or 1' })
  retry_enabled!: 0 | 1;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => RetryConfigInput)
  retry_config?: RetryConfigInput;

  @IsOptional() @Validate(CustomHeadersConstraint)
  headers?: Record<string, string>;
}

export interface ApplicationWebhookView {
  url: string;
  retry_enabled: 0 | 1;
  retry_config: { retry_value: number; max_retries: number; backoff_type: BackoffType; backoff_value: number };
  headers: Record<string, string>;
  /** Only in the response that created the webhook: its Standard Webhooks secret (also at …/webhook/secret). */
  signing_secret?: string;
}

export const APPLICATION_ID = { min: 1, max: 2_147_483_647 } as const;
