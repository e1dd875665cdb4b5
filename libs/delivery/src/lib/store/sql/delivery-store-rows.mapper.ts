import {
  AttemptRecord, DeliverySource, DueDelivery, NewDeliveryRow, StoredPolicy, StoredTarget, SubscriptionKey, TargetConfigRow, TargetListQuery,
} from '../../core/ports/delivery-store.port';
import type { StoredOperationalEvent } from '../../core/ports/operational-events.port';

/**
 * Row shapes and mappings shared by the SQLite and PostgreSQL stores. Column values arrive as the drivers
 * return them: epoch-ms BIGINT is a number from better-sqlite3 but a string from node-pg, so every epoch
 * column goes through `ms()`.
 */

/** The columns a DueDelivery is built from (SELECT list and RETURNING list of both stores). */
export const DUE_COLUMNS = 'id, tenant_id, source, subscription_id, event, payload, attempts, version, application_state, created_at, url, headers, policy, authorization_sealed, traceparent';

export const TARGET_COLUMNS = 'tenant_id, source, subscription_id, url, headers, headers_sealed, policy, authorization_sealed, secrets_sealed, failing_since, paused_at, last_error, group_key, label, last_success_at, last_failure_at, version, updated_at';

type Epoch = number | string;

export interface DueRowRaw {
  id: string;
  tenant_id: string;
  source: string;
  subscription_id: string;
  event: string;
  payload: string;
  attempts: number;
  version: number;
  application_state: string;
  created_at: Epoch;
  url: string;
  headers: string;
  policy: string;
  authorization_sealed: string | null;
  traceparent: string | null;
}

export interface TargetRowRaw {
  tenant_id: string;
  source: string;
  subscription_id: string;
  url: string | null;
  headers: string | null;
  headers_sealed: string | null;
  policy: string | null;
  authorization_sealed: string | null;
  secrets_sealed: string | null;
  failing_since: Epoch | null;
  paused_at: Epoch | null;
  last_error: string | null;
  group_key: string | null;
  label: string | null;
  last_success_at: Epoch | null;
  last_failure_at: Epoch | null;
  version: number;
  updated_at: Epoch;
}

/** The bound values of one new deliveries row (names = columns; used as named parameters by SQLite). */
export interface DeliveryInsertParams {
  id: string;
  tenant_id: string;
  source: string;
  subscription_id: string;
  url: string;
  event: string;
  payload: string;
  headers: string;
  policy: string;
  authorization_sealed: string | null;
  traceparent: string | null;
  created_at: number;
  wake_at: number;
}

export interface AttemptInsertParams {
  id: string;
  delivery_id: string;
  number: number;
  attempted_at: number;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  response_snippet: string;
}

export interface RecordUpdateParams {
  id: string;
  tenant_id: string;
  expected_version: number;
  state: string;
  application_state: string;
  close_reason: string | null;
  attempts: number;
  url: string;
  next_attempt_at: number | null;
  wake_at: number | null;
  closed_at: number | null;
  updated_at: number;
}

export interface TargetKeyParams {
  tenant_id: string;
  source: string;
  subscription_id: string;
}

/** An epoch-ms bound as a bindable integer: -Infinity (nothing qualifies) → -1, +Infinity → the largest safe integer. */
export function finiteBound(value: number): number {
  if (Number.isNaN(value)) return -1;
  return Math.max(-1, Math.min(Number.MAX_SAFE_INTEGER, Math.floor(value)));
}

export function ms(value: Epoch): number;
export function ms(value: Epoch | null): number | null;
export function ms(value: Epoch | null): number | null {
  return value === null ? null : Number(value);
}

export function deliveryInsertParams(row: NewDeliveryRow): DeliveryInsertParams {
  return {
    id: row.id, tenant_id: row.tenantId, source: row.source, subscription_id: row.subscriptionId, url: row.url, event: row.event,
    payload: row.payload, headers: JSON.stringify(row.headers), policy: JSON.stringify(row.policy),
    authorization_sealed: row.authorizationSealed, traceparent: row.traceparent, created_at: row.createdAt, wake_at: row.wakeAt,
  };
}

export function attemptInsertParams(record: AttemptRecord): AttemptInsertParams {
  const a = record.attempt;
  return {
    id: a.id, delivery_id: a.deliveryId, number: a.number, attempted_at: a.attemptedAt, duration_ms: a.durationMs,
    status_code: a.statusCode, error: a.error, response_snippet: a.responseSnippet,
  };
}

export function recordUpdateParams(record: AttemptRecord): RecordUpdateParams {
  const u = record.update;
  return {
    id: record.deliveryId, tenant_id: record.tenantId, expected_version: record.expectedVersion, state: u.state,
    application_state: u.applicationState, close_reason: u.closeReason, attempts: u.attempts, url: u.url,
    next_attempt_at: u.nextAttemptAt, wake_at: u.wakeAt, closed_at: u.closedAt, updated_at: u.updatedAt,
  };
}

/** The bound values of putTargetConfig (names = columns). The plaintext headers column is cleared. */
export interface TargetConfigParams extends TargetKeyParams {
  url: string;
  headers_sealed: string | null;
  policy: string;
  authorization_sealed: string | null;
  group_key: string | null;
  label: string | null;
  at: number;
}

export function targetConfigParams(key: SubscriptionKey, config: TargetConfigRow, at: number): TargetConfigParams {
  return {
    ...targetKeyParams(key), url: config.url, headers_sealed: config.headersSealed, policy: JSON.stringify(config.policy),
    authorization_sealed: config.authorizationSealed, group_key: config.group, label: config.label, at,
  };
}

export function targetKeyParams(key: SubscriptionKey): TargetKeyParams {
  return { tenant_id: key.tenantId, source: key.source, subscription_id: key.subscriptionId };
}

export function toDueDelivery(raw: DueRowRaw): DueDelivery {
  return {
    id: raw.id, tenantId: raw.tenant_id, source: raw.source as DeliverySource, subscriptionId: raw.subscription_id, event: raw.event,
    payload: raw.payload, attempts: Number(raw.attempts), version: Number(raw.version),
    applicationState: raw.application_state as DueDelivery['applicationState'], createdAt: ms(raw.created_at), url: raw.url,
    headers: JSON.parse(raw.headers) as Record<string, string>, policy: JSON.parse(raw.policy) as StoredPolicy,
    authorizationSealed: raw.authorization_sealed, traceparent: raw.traceparent,
  };
}

export function toStoredTarget(raw: TargetRowRaw): StoredTarget {
  // The migration creates targets with only their secrets: no url means no config.
  const config = raw.url === null ? null : {
    url: raw.url, headersSealed: raw.headers_sealed, legacyHeaders: legacyHeaders(raw.headers), policy: JSON.parse(raw.policy ?? '{}') as StoredPolicy,
    authorizationSealed: raw.authorization_sealed, group: raw.group_key, label: raw.label,
  };
  return {
    key: { tenantId: raw.tenant_id, source: raw.source as DeliverySource, subscriptionId: raw.subscription_id },
    config, secretsSealed: raw.secrets_sealed, failingSince: ms(raw.failing_since), pausedAt: ms(raw.paused_at),
    lastError: raw.last_error, lastSuccessAt: ms(raw.last_success_at), lastFailureAt: ms(raw.last_failure_at), version: Number(raw.version), updatedAt: ms(raw.updated_at),
  };
}

/** The plaintext headers column of a target written before headers were sealed: null when empty or cleared. */
function legacyHeaders(raw: string | null): Record<string, string> | null {
  if (raw === null) return null;
  const parsed = JSON.parse(raw) as Record<string, string>;
  return Object.keys(parsed).length === 0 ? null : parsed;
}

/** The bound values of listTargets (SQLite names; PostgreSQL binds the same values positionally). */
export interface TargetListParams {
  tenant_id: string;
  source: string | null;
  paused: number | null;
  after_source: string | null;
  after_id: string | null;
  limit: number;
}

export function targetListParams(tenantId: string, query: TargetListQuery): TargetListParams {
  return {
    tenant_id: tenantId, source: query.source, paused: query.paused === null ? null : query.paused ? 1 : 0,
    after_source: query.after?.source ?? null, after_id: query.after?.subscriptionId ?? null, limit: Math.max(0, query.limit),
  };
}

/** An operational_events row as both stores bind and read it (names = columns). */
export interface OperationalEventParams {
  id: string;
  tenant_id: string;
  type: StoredOperationalEvent['type'];
  occurred_at: Epoch;
  data: string;
}

export function operationalEventParams(event: StoredOperationalEvent): OperationalEventParams {
  return { id: event.id, tenant_id: event.tenantId, type: event.type, occurred_at: event.occurredAt, data: event.data };
}

export function toStoredOperationalEvent(row: OperationalEventParams): StoredOperationalEvent {
  return { id: row.id, tenantId: row.tenant_id, type: row.type, occurredAt: ms(row.occurred_at), data: row.data };
}
