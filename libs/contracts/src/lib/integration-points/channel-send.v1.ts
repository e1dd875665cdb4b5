import { IsDefined, IsString, MaxLength } from 'class-validator';
import { TenantCommand } from '../tenancy/tenant-command';
import { IdempotencyKeyProperty } from '../delivery/idempotency-key';

/**
 * Outbound: an internal service asks a channel to send a message to its `url`, authenticated with the
 * channel's token_remote (Bearer). The message becomes a durable delivery (stored and queued before the
 * reply), retried by the delivery engine and visible in GET /callback. Wire format; versioned (ADR 0002).
 */
export const CHANNEL_SEND_SUBJECT_V1 = 'integration-points.channel.send.v1';

export class SendThroughChannelCommand extends TenantCommand {
  /** The client's Idempotency-Key: a repeat within 24 h gets the first answer and creates nothing. */
  @IdempotencyKeyProperty() idempotencyKey?: string;

  /** The integration point's id or code. */
  @IsString() @MaxLength(255) channel!: string;
  /** Any JSON value: it is the request body. */
  @IsDefined({ message: 'payload is required (any JSON value)' }) payload!: unknown;
}

export interface ChannelSendResult {
  /** The delivery (callback) id: follow it at GET /callback/{id}. */
  id: string;
  accepted: true;
}
