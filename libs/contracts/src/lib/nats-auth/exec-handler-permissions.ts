import { consumerReadSubjects, EXEC_REQUESTS_STREAM_V2, NatsPermissions } from './nats-app-permissions';

/** What an /exec handler of one tenant connects as, and may touch: that tenant's subjects and nothing else. */
export interface ExecHandlerNatsUser {
  user: string;
  /** The handler must connect with this inboxPrefix: it may read no other inbox. */
  inboxPrefix: string;
  /** Its durable pull consumer on EXEC_REQUESTS_STREAM_V2 (created by the platform). */
  consumer: string;
  /** The subjects its sync channels are called on (`<code>` is the channel's recv_svcscriptcode). */
  syncSubjects: string;
  permissions: NatsPermissions;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Handler users are scoped by tenant id (a UUID: a valid subject token that no other tenant shares):
 * sync requests of the tenant's channels (answered through allow_responses), its own consumer of the
 * async stream (pull, info, ack), and its own inbox. Nothing else: no service subject, no other tenant.
 */
export function execHandlerNatsUser(tenantId: string): ExecHandlerNatsUser {
  if (!UUID.test(tenantId)) throw new Error(`an /exec handler user needs a tenant id (UUID), got "${tenantId}"`);
  const id = tenantId.toLowerCase();
  const consumer = `exec-${id}`;
  const inboxPrefix = `_INBOX_exec_${id}`;
  const syncSubjects = `integration-points.exec-sync.${id}.*.v2`;
  return {
    user: `exec-${id}`,
    inboxPrefix,
    consumer,
    syncSubjects,
    permissions: {
      publish: [`$JS.API.CONSUMER.INFO.${EXEC_REQUESTS_STREAM_V2}.${consumer}`, ...consumerReadSubjects(EXEC_REQUESTS_STREAM_V2, consumer)],
      subscribe: [syncSubjects, `${inboxPrefix}.>`],
      maxResponses: 1,
    },
  };
}
