import { AttemptRecord, NewDeliveryRow, SubscriptionKey } from '../../lib/core/ports/delivery-store.port';

/** Builders for the DeliveryStore contract tests: valid rows with readable, unique ids. */

export const TENANT = '0b7f6f1e-1111-4a2b-8c3d-000000000001';
export const OTHER_TENANT = '0b7f6f1e-2222-4a2b-8c3d-000000000002';
export const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z: well past 2^31, so BIGINT handling is exercised

let counter = 0;
/** A unique 36-char id, ordered by creation (like the time-ordered ids in production). */
export function nextId(prefix = 'd'): string {
  counter += 1;
  return `${prefix}-${String(counter).padStart(8, '0')}-${process.pid}`.padEnd(36, '0').slice(0, 36);
}

export function subscription(subscriptionId = 'sub-1', tenantId = TENANT): SubscriptionKey {
  return { tenantId, source: 'application_webhook', subscriptionId };
}

export function newRow(overrides: Partial<NewDeliveryRow> = {}): NewDeliveryRow {
  return {
    id: nextId(), tenantId: TENANT, source: 'application_webhook', subscriptionId: 'sub-1', url: 'https://hooks.example/in',
    event: 'envelope.signed', payload: '{"a":1}', headers: { 'x-custom': 'yes' }, policy: { kind: 'bearer', timeoutMs: 5000, maxAttempts: 3 },
    authorizationSealed: 'sealed-auth', traceparent: null, createdAt: T0, wakeAt: T0 + 60_000, ...overrides,
  };
}

export function attemptRecord(row: { id: string; tenantId: string }, expectedVersion: number, overrides: Partial<AttemptRecord['update']> = {}): AttemptRecord {
  const at = T0 + 1_000;
  return {
    tenantId: row.tenantId, deliveryId: row.id, expectedVersion,
    attempt: { id: nextId('a'), deliveryId: row.id, number: expectedVersion + 1, attemptedAt: at, durationMs: 42, statusCode: 503, error: null, responseSnippet: 'busy' },
    update: {
      state: 'OPEN', applicationState: 'RETRY', closeReason: null, attempts: expectedVersion + 1, url: 'https://hooks.example/new',
      nextAttemptAt: at + 30_000, wakeAt: at + 30_000, closedAt: null, updatedAt: at, ...overrides,
    },
  };
}
