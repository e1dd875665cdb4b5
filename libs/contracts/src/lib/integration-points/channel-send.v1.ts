import { IsDefined, IsString, MaxLength } from 'class-validator';
import { TenantCommand } from '../tenancy/tenant-command';

/**
 * Outbound: an internal service asks a channel to send a message to its `url`, authenticated with the
 * channel's token_remote (Bearer). Wire format; versioned (ADR 0002).
 */
export const CHANNEL_SEND_SUBJECT_V1 = 'integration-points.channel.send.v1';

export class SendThroughChannelCommand extends TenantCommand {
  /** The integration point's id or code. */
  @IsString() @MaxLength(255) channel!: string;
  /** Any JSON value: it is the request body. */
  @IsDefined({ message: 'payload is required (any JSON value)' }) payload!: unknown;
}

export interface ChannelSendResult {
  /** The receiver's HTTP status, or null when no response came (see error). */
  status: number | null;
  delivered: boolean;
  error?: string;
  /** At most 1 KiB of the response body. */
  body_snippet: string;
  duration_ms: number;
}
