/**
 * JetStream streams: what must survive a crash (accepted events, delivery jobs) lives here.
 * Stream names and subjects are wire format: changing them needs a migration of stored messages.
 * Stream subjects are exact (or wildcard one token) and never overlap a request/reply subject: a stream
 * that captured a request would answer it with its PubAck before the service does (streams.spec.ts).
 */
export type StreamRetention = 'workqueue' | 'limits';

export interface StreamDefinition {
  name: string;
  subjects: string[];
  retention: StreamRetention;
  /** Seconds within which a repeated Nats-Msg-Id is dropped as a duplicate. */
  duplicateWindowSeconds: number;
  description: string;
}

export const STREAMS = {
  envelopeEvents: {
    name: 'CALLBACKS_ENVELOPE_EVENTS',
    subjects: ['callbacks.envelope-event.received.v1'],
    retention: 'workqueue',
    duplicateWindowSeconds: 120,
    description: 'Envelope events accepted by the callbacks service, waiting to be matched against callbacks.',
  },
  execRequests: {
    name: 'INTEGRATION_EXEC_REQUESTS',
    subjects: ['integration-points.exec-request.*.v1'],
    retention: 'workqueue',
    duplicateWindowSeconds: 120,
    description: 'Inbound /exec requests stored durably until their handler takes them.',
  },
  deliveryJobs: {
    name: 'DELIVERY_JOBS_V2',
    subjects: ['delivery.job.fresh.v2', 'delivery.job.retry.v2'],
    retention: 'workqueue',
    duplicateWindowSeconds: 600,
    description: 'Delivery jobs in two lanes (fresh: first attempts; retry: due retries, recalls, parked and recovered jobs), each with its own consumer.',
  },
} as const satisfies Record<string, StreamDefinition>;
