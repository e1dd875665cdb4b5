import { IntegrationPointView } from './integration-point.view';

/**
 * What /exec handlers see (wire format v2, ADR 0009). Every subject and consumer name carries the
 * tenant, so NATS permissions can give a tenant's handlers exactly their own traffic, and two tenants
 * choosing the same recv_svcscriptcode never reach each other's handler:
 * - opts.issync=false: stored in JetStream (stream INTEGRATION_EXEC_REQUESTS_V2) on
 *   `execRequestSubjectV2(tenant, code)` and answered 200 at once. The integration-points service
 *   creates one durable pull consumer per tenant, `execConsumerName(tenant)`, filtered on all of that
 *   tenant's codes; the tenant's handlers pull from it and dispatch on the message's subject or
 *   `integration_point.recv_svcscriptcode`.
 * - opts.issync=true: a core-NATS request to `execSyncSubjectV2(tenant, code)`; the handler's reply
 *   (ExecHandlerReply) becomes the HTTP response.
 * Handler credentials also get their own reply inbox prefix, `execHandlerInboxPrefix(tenant)`.
 * The v1 subjects (`integration-points.exec-request.<code>.v1`, `…exec-sync.<code>.v1`) are retired.
 * Subjects are wire format (ADR 0002): never changed without a migration. Tenant ids are UUIDs, so
 * they are valid subject tokens and consumer names.
 */
export const execSyncSubjectV2 = (tenantId: string, scriptCode: string): string => `integration-points.exec-sync.${tenantId}.${scriptCode}.v2`;
export const execRequestSubjectV2 = (tenantId: string, scriptCode: string): string => `integration-points.exec-request.${tenantId}.${scriptCode}.v2`;
/** Everything one tenant's async handlers consume (the filter of its consumer). */
export const execTenantRequestsFilterV2 = (tenantId: string): string => `integration-points.exec-request.${tenantId}.*.v2`;
export const execConsumerName = (tenantId: string): string => `exec-${tenantId}`;
export const execHandlerInboxPrefix = (tenantId: string): string => `_INBOX_exec_${tenantId}`;

/**
 * The channel as a handler sees it: what it needs to dispatch and honour the channel's options, and no
 * credential (no token_local, token_remote, token_remote2, url): messages sit on NATS disks in clear.
 */
export interface ExecIntegrationPointView {
  id: string;
  code: string;
  type: string;
  recv_svcscriptcode: string;
  /** Listed field by field, so an option added to the entity later is not sent to handlers by accident. */
  opts: Pick<IntegrationPointView['opts'], 'title' | 'comment' | 'allow_files_api' | 'issync' | 'recv_timeout' | 'roles' | 'userid'>;
}

/** What a handler receives, in both modes (the seed's script parameters 1-7, as one JSON object). */
export interface ExecRequestMessageV2 {
  tenant_id: string;
  request_id: string;
  received_at: string;
  integration_point: ExecIntegrationPointView;
  method: string;
  url: string;
  headers: Record<string, string>;
  body_base64: string;
  sender_ip: string;
  protocol: string;
}
