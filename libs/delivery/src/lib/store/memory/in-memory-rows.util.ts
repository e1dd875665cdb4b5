import {
  DeliveryApplicationState, DeliveryCloseReason, DeliveryRowState, DeliverySource, DueDelivery, StoredPolicy, StoredTarget, SubscriptionKey,
} from '../../core/ports/delivery-store.port';

/** The in-memory store's rows and the small pure helpers it applies to them. */

/** A deliveries row as the SQL stores keep it (column for column), for assertions in engine tests. */
export interface MemoryDeliveryRow {
  id: string;
  tenantId: string;
  source: DeliverySource;
  subscriptionId: string;
  url: string;
  event: string;
  payload: string;
  headers: Record<string, string>;
  policy: StoredPolicy;
  authorizationSealed: string | null;
  traceparent: string | null;
  state: DeliveryRowState;
  applicationState: DeliveryApplicationState;
  closeReason: DeliveryCloseReason | null;
  attempts: number;
  nextAttemptAt: number | null;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  version: number;
  wakeAt: number | null;
  queued: 0 | 1;
}

export interface MemoryIdempotencyKey {
  tenantId: string;
  key: string;
  reply: string;
  createdAt: number;
}

export function closeRow(row: MemoryDeliveryRow, reason: DeliveryCloseReason, at: number): void {
  Object.assign(row, {
    state: 'CLOSED', applicationState: 'CLOSED', closeReason: reason, nextAttemptAt: null, wakeAt: null, queued: 0, closedAt: at,
    updatedAt: at, version: row.version + 1,
  });
  dropCredentials(row);
}

/** A closed delivery keeps no credential copy. */
export function dropCredentials(row: MemoryDeliveryRow): void {
  row.headers = {};
  row.authorizationSealed = null;
}

export function toDue(row: MemoryDeliveryRow): DueDelivery {
  return {
    id: row.id, tenantId: row.tenantId, source: row.source, subscriptionId: row.subscriptionId, event: row.event, payload: row.payload,
    attempts: row.attempts, version: row.version, applicationState: row.applicationState as DueDelivery['applicationState'],
    createdAt: row.createdAt, url: row.url, headers: { ...row.headers }, policy: structuredClone(row.policy), authorizationSealed: row.authorizationSealed,
    traceparent: row.traceparent,
  };
}

export function copyRow(row: MemoryDeliveryRow): MemoryDeliveryRow {
  return { ...row, headers: { ...row.headers }, policy: structuredClone(row.policy) };
}

export function copyTarget(t: StoredTarget): StoredTarget {
  const config = t.config && { ...t.config, legacyHeaders: t.config.legacyHeaders && { ...t.config.legacyHeaders }, policy: structuredClone(t.config.policy) };
  return { ...t, key: { ...t.key }, config };
}

export function sameSubscription(row: MemoryDeliveryRow, key: SubscriptionKey): boolean {
  return row.tenantId === key.tenantId && row.source === key.source && row.subscriptionId === key.subscriptionId;
}

export function targetKey(key: SubscriptionKey): string {
  return `${key.tenantId}\u0000${key.source}\u0000${key.subscriptionId}`;
}

export function idemKey(tenantId: string, key: string): string {
  return `${tenantId}\u0000${key}`;
}
