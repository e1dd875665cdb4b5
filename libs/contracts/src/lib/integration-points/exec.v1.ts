
import { IsBase64, IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IntegrationPointView } from './integration-point.view';

/**
 * Inbound webhooks into a channel (`POST|GET /exec` with `Authorization: Bearer <token_local>`).
 * The gateway relays the raw request to the integration-points service, which hands it to the handler
 * named by the channel's `recv_svcscriptcode`:
 * - opts.issync=false: stored in JetStream on `execRequestSubject(code)` and answered 200 at once;
 *   a handler consumes the stream INTEGRATION_EXEC_REQUESTS (filter on its subject) whenever it runs.
 * - opts.issync=true: a core-NATS request to `execSyncSubject(code)`; the handler's reply becomes the
 *   HTTP response (503 when no handler is subscribed, 504 past opts.recv_timeout).
 * Subjects are wire format (see ADR 0002): never changed without a migration.
 */
export const EXEC_SUBJECT_V1 = 'integration-points.exec.v1';
export const execRequestSubject = (scriptCode: string): string => `integration-points.exec-request.${scriptCode}.v1`;
export const execSyncSubject = (scriptCode: string): string => `integration-points.exec-sync.${scriptCode}.v1`;

/** recv_svcscriptcode becomes a subject token: letters, digits, _ and - only. */
export const SCRIPT_CODE_PATTERN = /^[A-Za-z0-9_-]{0,255}$/;

/** Bodies travel base64-encoded inside a NATS message (1 MiB max payload by default). */
export const EXEC_MAX_BODY_BYTES = 512 * 1024;

export class ExecCommand {
  @IsString() @MaxLength(255) token!: string;
  @IsIn(['GET', 'POST']) method!: string;
  @IsString() @MaxLength(8192) url!: string;
  @IsObject() headers!: Record<string, string>;
  @IsString() @IsBase64() @MaxLength(Math.ceil((EXEC_MAX_BODY_BYTES * 4) / 3) + 8) bodyBase64!: string;
  @IsString() @MaxLength(64) senderIp!: string;
  @IsString() @MaxLength(16) protocol!: string;
}

/** What a handler receives, in both modes (the seed's script parameters 1-7, as one JSON object). */
export interface ExecRequestMessage {
  request_id: string;
  received_at: string;
  integration_point: IntegrationPointView;
  method: string;
  url: string;
  headers: Record<string, string>;
  body_base64: string;
  sender_ip: string;
  protocol: string;
}

/** What a synchronous handler answers; it becomes the HTTP response of /exec. */
export class ExecHandlerReply {
  @IsInt() @Min(100) @Max(599) status!: number;
  @IsOptional() @IsObject() headers?: Record<string, string>;
  @IsOptional() @IsString() @IsBase64() body_base64?: string;
}

export interface ExecResult {
  status: number;
  headers: Record<string, string>;
  bodyBase64: string;
}

