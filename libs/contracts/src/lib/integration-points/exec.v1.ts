import { IsBase64, IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, Validate } from 'class-validator';
import { ExecReplyHeadersConstraint } from './exec-reply-headers.policy';

/**
 * Inbound webhooks into a channel (`POST|GET /exec` with `Authorization: Bearer <token_local>`).
 * The gateway relays the raw request on EXEC_SUBJECT_V1 to the integration-points service, which hands
 * it to the channel's handler on the tenant-scoped subjects of `exec-handler.v2.ts`, and answers what
 * the gateway sends back (ExecResult). Subjects are wire format (see ADR 0002): never changed without
 * a migration.
 */
export const EXEC_SUBJECT_V1 = 'integration-points.exec.v1';

/** recv_svcscriptcode becomes a subject token: letters, digits, _ and - only. */
export const SCRIPT_CODE_PATTERN = /^[A-Za-z0-9_-]{0,255}$/;

/** Bodies travel base64-encoded inside a NATS message (1 MiB max payload by default). */
export const EXEC_MAX_BODY_BYTES = 512 * 1024;

/**
 * Statuses a synchronous handler may answer: a final response (1xx are interim responses Node cannot
 * send as the answer), up to the last standard class.
 */
export const EXEC_REPLY_STATUS = { min: 200, max: 599 } as const;

export class ExecCommand {
  @IsString() @MaxLength(255) token!: string;
  @IsIn(['GET', 'POST']) method!: string;
  @IsString() @MaxLength(8192) url!: string;
  @IsObject() headers!: Record<string, string>;
  @IsString() @IsBase64() @MaxLength(Math.ceil((EXEC_MAX_BODY_BYTES * 4) / 3) + 8) bodyBase64!: string;
  @IsString() @MaxLength(64) senderIp!: string;
  @IsString() @MaxLength(16) protocol!: string;
}

/**
 * What a synchronous handler answers; it becomes the HTTP response of /exec. Anything else (not JSON,
 * a status outside EXEC_REPLY_STATUS, a header Node could not send, a body that is not base64) makes
 * /exec answer 502.
 */
export class ExecHandlerReply {
  @IsInt() @Min(EXEC_REPLY_STATUS.min) @Max(EXEC_REPLY_STATUS.max) status!: number;
  @IsOptional() @Validate(ExecReplyHeadersConstraint) headers?: Record<string, string>;
  @IsOptional() @IsString() @IsBase64() body_base64?: string;
}

export interface ExecResult {
  status: number;
  headers: Record<string, string>;
  bodyBase64: string;
}
