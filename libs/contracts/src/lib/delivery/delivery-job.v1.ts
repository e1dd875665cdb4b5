import { IsString, IsUUID, MaxLength } from 'class-validator';

/**
 * One message per delivery due on stream DELIVERY_JOBS: "attempt delivery X of tenant Y now".
 * The DB row is the source of truth; the message only says when to look at it. Retries are the same
 * message, redelivered later with nak(delay). Wire format (ADR 0002).
 */
export const DELIVERY_JOB_SUBJECT_V1 = 'delivery.job.v1';

/** The durable consumer every service's workers pull from together (a shared work queue). */
export const DELIVERY_WORKERS_CONSUMER = 'delivery-workers';

export class DeliveryJob {
  @IsUUID() tenantId!: string;
  @IsString() @MaxLength(36) deliveryId!: string;
}
