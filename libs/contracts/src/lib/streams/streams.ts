/**
 * JetStream streams: what must survive a crash (accepted events, delivery jobs) lives here.
 * Stream names and subjects are wire format: changing them needs a migration of stored messages.
 * Stream subjects are exact (or wildcard whole tokens with `*`, never `>`) and never overlap a request/reply subject: a stream
 * that captured a request would answer it with its PubAck before the service does (streams.spec.ts).
 */
export type StreamRetention = 'workqueue' | 'limits';

/**
 * Caps on what a stream may hold on the JetStream store all streams share (unset: unlimited), and what
 * happens at a cap: `old` drops the oldest message, `new` refuses the publish — the producer sees the
 * error, and no other stream loses the space.
 */
export interface StreamLimits {
  maxBytes?: number;
  maxAgeSeconds?: number;
  /** Per subject; with discard `new` a full subject refuses publishes on that subject only. */
  maxMsgsPerSubject?: number;
}

export interface StreamDefinition {
  name: string;
  subjects: string[];
  retention: StreamRetention;
  /** Seconds within which a repeated Nats-Msg-Id is dropped as a duplicate. */
  duplicateWindowSeconds: number;
  description: string;
  discard: 'old' | 'new';
  /** Applied at creation and brought up to date at every boot (ensureStreams). */
  limits?: StreamLimits;
}

export const STREAMS = {
  envelopeEvents: {
    name: 'CALLBACKS_ENVELOPE_EVENTS',
    subjects: ['callbacks.envelope-event.received.v1'],
    retention: 'workqueue',
    duplicateWindowSeconds: 120,
    description: 'Envelope events accepted by the callbacks service, waiting to be matched against callbacks.',
    discard: 'old',
  },
  /**
   * Subjects `integration-points.exec-request.<tenantId>.<code>.v2`, one consumer per tenant (exec-handler.v2.ts).
   * Bounded (limits from the integration-points config) and discard `new`: a flood of /exec requests
   * nobody consumes fills this stream only, and /exec answers 503 instead of delivery jobs failing.
   */
  execRequests: {
    name: 'INTEGRATION_EXEC_REQUESTS_V2',
    subjects: ['integration-points.exec-request.*.*.v2'],
    retention: 'workqueue',
    duplicateWindowSeconds: 120,
    description: 'Inbound /exec requests of async channels, stored durably until a handler of their tenant takes them.',
    discard: 'new',
  },
  /**
   * Bounded (limits from DELIVERY_STREAM_* in every service's config) and discard `new`: a full stream refuses
   * the publish instead of dropping a job; the rows wait in the database and intake answers 503 (QueueFullGuard).
   */
  deliveryJobs: {
    name: 'DELIVERY_JOBS_V2',
    subjects: ['delivery.job.fresh.v2', 'delivery.job.retry.v2'],
    retention: 'workqueue',
    duplicateWindowSeconds: 600,
    description: 'Delivery jobs in two lanes (fresh: first attempts; retry: due retries, recalls, parked and recovered jobs), each with its own consumer.',
    discard: 'new',
  },
  /**
   * Operational events for internal consumers (ADR 0012): `delivery.operational-event.<type>.v1`. Limits, not a
   * work queue: any number of consumers read it, and old events age out (7 days, 256 MiB at most).
   */
  operationalEvents: {
    name: 'OPERATIONAL_EVENTS',
    subjects: ['delivery.operational-event.*.v1'],
    retention: 'limits',
    duplicateWindowSeconds: 120,
    description: 'Operational events (subscription.paused, subscription.resumed, delivery.exhausted) of every tenant, with tenant_id.',
    discard: 'old',
    limits: { maxBytes: 256 * 1024 * 1024, maxAgeSeconds: 7 * 24 * 3600 },
  },
} as const satisfies Record<string, StreamDefinition>;

/**
 * Streams no version of the code writes any more, left in place for their consumers to drain (ADR 0009):
 * the services never create, change or delete them.
 */
export const RETIRED_STREAM_NAMES = {
  /** v1 exec requests (`integration-points.exec-request.<code>.v1`, no tenant in the subject). */
  execRequestsV1: 'INTEGRATION_EXEC_REQUESTS',
} as const;
