import { DELIVERY_CONSUMERS_V2, DELIVERY_JOB_SUBJECTS_V2, DELIVERY_TARGET_CHANGED_SUBJECT_V1, DELIVERY_WORKER_PRESENCE_SUBJECT_V1 } from '../delivery/delivery-job.v2';
import { ServiceName } from '../health/health-check.v1';
import { REQUEST_SUBJECTS } from '../request-map';
import { GATEWAY_INGEST_USAGE_SUBJECT_V1 } from '../ingest-quota/ingest-usage.v1';
import { RETIRED_STREAM_NAMES, STREAMS } from '../streams/streams';
import { OPERATIONAL_EVENT_SUBJECTS_V1 } from '../operational-events/operational-events.v1';

/**
 * Who may publish and subscribe what on NATS (review finding H4). Each app connects as its own nats-server
 * user, and these permissions are that user's: the gateway only sends requests, each service only serves its
 * own subjects, nobody reads `>` or another app's inbox. A message's `tenantId` can then be trusted because
 * only the gateway (which resolved it from an API key) can publish a request.
 */
export const NATS_APPS = ['gateway', 'callbacks', 'webhooks', 'integration-points'] as const;
export type NatsApp = (typeof NATS_APPS)[number];

export interface NatsPermissions {
  publish: string[];
  subscribe: string[];
  /**
   * Replies allowed to the reply subject of each request received (nats-server `allow_responses`). 0: none.
   * Only /exec handlers get it: nats-server 2.9 remembers the reply subject of every message it delivers
   * to such a connection (JetStream messages included, whose ack subject is their reply) and, past 4,096
   * remembered, scans them all on each delivery; on the services' delivery lanes that took nats-server
   * from 20 % to 81 % CPU and cut fan-out 1 over NATS from 2,341 to 1,502 deliveries/s (npm run bench).
   * The services answer on the callers' inbox prefixes instead (serviceReplySubjects).
   */
  maxResponses: number;
}

/**
 * Each app's request inbox. nats.js defaults to `_INBOX.`, which every app would then need to read;
 * a prefix per app lets the server refuse one app reading another's replies (they carry secrets).
 */
export const natsInboxPrefix = (app: NatsApp): string => `_INBOX_${app}`;

/** The tenant-scoped exec stream (ADR 0009): each tenant's handlers pull from their own consumer on it. */
export const EXEC_REQUESTS_STREAM_V2 = STREAMS.execRequests.name;

const STREAMS_BY_SERVICE: Record<ServiceName, readonly string[]> = {
  callbacks: [STREAMS.envelopeEvents.name, STREAMS.deliveryJobs.name, STREAMS.operationalEvents.name],
  webhooks: [STREAMS.deliveryJobs.name, STREAMS.operationalEvents.name],
  'integration-points': [STREAMS.execRequests.name, STREAMS.deliveryJobs.name, STREAMS.operationalEvents.name],
};

/** Creating and reading a stream (ensureStreams at every boot); never deleting or purging it. */
export const streamAdminSubjects = (stream: string): string[] => [`$JS.API.STREAM.INFO.${stream}`, `$JS.API.STREAM.CREATE.${stream}`, `$JS.API.STREAM.UPDATE.${stream}`];

/**
 * Creating or updating a durable consumer (every subject form nats.js uses: with and without a filter, and
 * the pre-2.9 DURABLE.CREATE) and reading its info; never deleting it. `consumer` may be `*`.
 */
export const consumerAdminSubjects = (stream: string, consumer: string): string[] => [
  `$JS.API.CONSUMER.CREATE.${stream}.${consumer}`,
  `$JS.API.CONSUMER.CREATE.${stream}.${consumer}.>`,
  `$JS.API.CONSUMER.DURABLE.CREATE.${stream}.${consumer}`,
  `$JS.API.CONSUMER.INFO.${stream}.${consumer}`,
];

/** Pulling from a durable consumer and acking (nak, term, in-progress) what it delivered. */
export const consumerReadSubjects = (stream: string, consumer: string): string[] => [`$JS.API.CONSUMER.MSG.NEXT.${stream}.${consumer}`, `$JS.ACK.${stream}.${consumer}.>`];

/**
 * Where a service may publish its answers: the gateway's inbox (the only app that calls the services) and
 * the default `_INBOX.` of operator tools (the `nats` CLI). No app reads `_INBOX.>`, and publishing into an
 * inbox lets a service forge an answer at most, never read one.
 */
export const serviceReplySubjects = (): string[] => [`${natsInboxPrefix('gateway')}.>`, '_INBOX.>'];

const requestSubjectsOf = (service: ServiceName): string[] => REQUEST_SUBJECTS.filter((subject) => subject.startsWith(`${service}.`));

/**
 * What every service does besides serving its subjects: the delivery engine (jobs, target changes, worker presence,
 * operational events).
 */
function deliveryEngine(): { publish: string[]; subscribe: string[] } {
  const broadcasts = [DELIVERY_TARGET_CHANGED_SUBJECT_V1, DELIVERY_WORKER_PRESENCE_SUBJECT_V1];
  return {
    publish: [
      ...Object.values(DELIVERY_JOB_SUBJECTS_V2),
      ...broadcasts,
      ...OPERATIONAL_EVENT_SUBJECTS_V1,
      ...Object.values(DELIVERY_CONSUMERS_V2).flatMap((consumer) => [...consumerAdminSubjects(STREAMS.deliveryJobs.name, consumer), ...consumerReadSubjects(STREAMS.deliveryJobs.name, consumer)]),
    ],
    subscribe: broadcasts,
  };
}

/**
 * Publishing /exec requests to handlers (v2 subjects only: `<tenantId>.<code>`), creating the handlers'
 * consumers, and reading the retired v1 stream's info (the boot note that it still holds messages).
 */
function execRelay(): string[] {
  return [
    'integration-points.exec-request.*.*.v2', 'integration-points.exec-sync.*.*.v2',
    ...consumerAdminSubjects(STREAMS.execRequests.name, '*'), `$JS.API.STREAM.INFO.${RETIRED_STREAM_NAMES.execRequestsV1}`,
  ];
}

export function natsAppPermissions(app: NatsApp): NatsPermissions {
  const inbox = `${natsInboxPrefix(app)}.>`;
  // Gateway replicas also share their ingest usage with each other (apps/gateway/src/ingest, ADR 0008).
  if (app === 'gateway') return { publish: [...REQUEST_SUBJECTS, GATEWAY_INGEST_USAGE_SUBJECT_V1], subscribe: [inbox, GATEWAY_INGEST_USAGE_SUBJECT_V1], maxResponses: 0 };
  const engine = deliveryEngine();
  return {
    publish: unique([
      '$JS.API.INFO',
      ...STREAMS_BY_SERVICE[app].flatMap(streamAdminSubjects),
      ...engine.publish,
      ...(app === 'integration-points' ? execRelay() : []),
      ...serviceReplySubjects(),
    ]),
    subscribe: [...requestSubjectsOf(app), ...engine.subscribe, inbox],
    maxResponses: 0,
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
