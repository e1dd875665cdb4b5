/**
 * JetStream streams: what must survive a crash (accepted events, delivery jobs) lives here.
 * Stream names and subjects are wire format: changing them needs a migration of stored messages.
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
    subjects: ['callbacks.envelope-event.>'],
    retention: 'workqueue',
    duplicateWindowSeconds: 120,
    description: 'Envelope events accepted by the callbacks service, waiting to be matched against callbacks.',
  },
  applicationEvents: {
    name: 'WEBHOOKS_APPLICATION_EVENTS',
    subjects: ['webhooks.application-event.>'],
    retention: 'workqueue',
    duplicateWindowSeconds: 120,
    description: 'Application events accepted by the webhooks service, waiting to become deliveries.',
  },
  execRequests: {
    name: 'INTEGRATION_EXEC_REQUESTS',
    subjects: ['integration-points.exec-request.>'],
    retention: 'workqueue',
    duplicateWindowSeconds: 120,
    description: 'Inbound /exec requests stored durably until their handler takes them.',
  },
  deliveryJobs: {
    name: 'DELIVERY_JOBS',
    subjects: ['delivery.job.>'],
    retention: 'workqueue',
    duplicateWindowSeconds: 600,
    description: 'One message per delivery attempt due; workers of every service share the consumer.',
  },
} as const satisfies Record<string, StreamDefinition>;
