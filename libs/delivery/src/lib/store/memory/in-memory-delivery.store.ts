import {
  AcceptOutcome, AttemptRecord, AttemptRow, DeliveryStore, ResumedTarget, DueDelivery, HealthChange, IdempotencyClaim, NewDeliveryRow, PrunedDeliveries, PrunedStats, StoredTarget, SubscriptionKey,
  TargetConfigRow, TargetListQuery,
} from '../../core/ports/delivery-store.port';
import type { DeliveryStatsBatch, StatsLatencyRow, StatsMinuteRow, TargetTimesRow } from '../../core/ports/delivery-stats.port';
import type { StoredOperationalEvent } from '../../core/ports/operational-events.port';
import { idempotencyCreatedAt } from '../idempotency-created-at.util';
import {
  closeRow, copyRow, copyTarget, dropCredentials, idemKey, MemoryDeliveryRow, MemoryIdempotencyKey, sameSubscription, targetKey, toDue,
} from './in-memory-rows.util';

export type { MemoryDeliveryRow, MemoryIdempotencyKey } from './in-memory-rows.util';

/** An operational_events row: the event, and where its dispatch stands. */
export interface MemoryOperationalEvent extends StoredOperationalEvent {
  deliveryId: string | null;
  dispatchedAt: number | null;
}

/**
 * DeliveryStore on Maps, for fast engine unit tests: the same observable behaviour as the SQL stores
 * (the shared contract suite runs against all three), no batching, no I/O. Values are copied in and out
 * so a test cannot mutate stored state by accident.
 */
export class InMemoryDeliveryStore implements DeliveryStore {
  private readonly deliveries = new Map<string, MemoryDeliveryRow>();
  private readonly attemptRows = new Map<string, AttemptRow>();
  private readonly targetRows = new Map<string, StoredTarget>();
  private readonly idempotency = new Map<string, MemoryIdempotencyKey>();
  private readonly leases = new Map<string, { holder: string; expiresAt: number }>();
  private readonly statsMinuteRows = new Map<string, StatsMinuteRow>();
  private readonly statsLatencyRows = new Map<string, StatsLatencyRow>();
  private readonly targetTimeRows = new Map<string, TargetTimesRow>();
  private readonly eventRows = new Map<string, MemoryOperationalEvent>();
  private closed = false;

  // ---- read helpers for tests ----

  rows(): MemoryDeliveryRow[] {
    return [...this.deliveries.values()].map(copyRow);
  }

  row(id: string): MemoryDeliveryRow | null {
    const row = this.deliveries.get(id);
    return row ? copyRow(row) : null;
  }

  attempts(deliveryId?: string): AttemptRow[] {
    return [...this.attemptRows.values()].filter((a) => deliveryId === undefined || a.deliveryId === deliveryId).map((a) => ({ ...a }));
  }

  targets(): StoredTarget[] {
    return [...this.targetRows.values()].map(copyTarget);
  }

  idempotencyKeys(): MemoryIdempotencyKey[] {
    return [...this.idempotency.values()].map((k) => ({ ...k }));
  }

  /** The operational events outbox, in id order. */
  operationalEvents(): MemoryOperationalEvent[] {
    return [...this.eventRows.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((e) => ({ ...e }));
  }

  // ---- hot path ----

  async accept(rows: readonly NewDeliveryRow[], claim?: IdempotencyClaim): Promise<AcceptOutcome> {
    this.assertOpen();
    if (claim) {
      const stored = this.idempotency.get(idemKey(claim.tenantId, claim.key));
      if (stored && stored.createdAt >= claim.notBefore) return { kind: 'duplicate', reply: stored.reply };
    }
    // Check every row before storing any: all-or-nothing, like the SQL transaction.
    const ids = new Set<string>();
    for (const row of rows) {
      if (this.deliveries.has(row.id) || ids.has(row.id)) throw new Error(`duplicate delivery id ${row.id}`);
      ids.add(row.id);
    }
    for (const row of rows) {
      this.deliveries.set(row.id, {
        id: row.id, tenantId: row.tenantId, source: row.source, subscriptionId: row.subscriptionId, url: row.url, event: row.event,
        payload: row.payload, headers: { ...row.headers }, policy: structuredClone(row.policy), authorizationSealed: row.authorizationSealed,
        traceparent: row.traceparent, state: 'OPEN', applicationState: 'NEW', closeReason: null, attempts: 0, nextAttemptAt: row.createdAt,
        createdAt: row.createdAt, updatedAt: row.createdAt, closedAt: null, version: 0, wakeAt: row.wakeAt, queued: 1,
      });
    }
    if (claim) {
      const createdAt = idempotencyCreatedAt(rows);
      this.idempotency.set(idemKey(claim.tenantId, claim.key), { tenantId: claim.tenantId, key: claim.key, reply: claim.reply, createdAt });
    }
    return { kind: 'stored' };
  }

  async record(record: AttemptRecord): Promise<boolean> {
    this.assertOpen();
    if (this.attemptRows.has(record.attempt.id)) throw new Error(`duplicate attempt id ${record.attempt.id}`);
    this.attemptRows.set(record.attempt.id, { ...record.attempt });
    const row = this.at(record.tenantId, record.deliveryId, record.expectedVersion);
    if (!row) return false;
    const u = record.update;
    Object.assign(row, {
      state: u.state, applicationState: u.applicationState, closeReason: u.closeReason, attempts: u.attempts, url: u.url,
      nextAttemptAt: u.nextAttemptAt, wakeAt: u.wakeAt, closedAt: u.closedAt, updatedAt: u.updatedAt, version: row.version + 1, queued: 0,
    });
    if (u.state === 'CLOSED') dropCredentials(row);
    this.storeEvent(record.event);
    return true;
  }

  async closeUnattempted(tenantId: string, deliveryId: string, expectedVersion: number, reason: 'DISABLED' | 'CANCELLED', at: number): Promise<boolean> {
    this.assertOpen();
    const row = this.at(tenantId, deliveryId, expectedVersion);
    if (!row) return false;
    closeRow(row, reason, at);
    return true;
  }

  async park(tenantId: string, deliveryId: string, expectedVersion: number, wakeAt: number): Promise<boolean> {
    this.assertOpen();
    const row = this.at(tenantId, deliveryId, expectedVersion);
    if (!row) return false;
    row.wakeAt = wakeAt;
    row.queued = 0;
    return true;
  }

  async unqueue(tenantId: string, deliveryIds: readonly string[], at: number): Promise<void> {
    this.assertOpen();
    for (const id of deliveryIds) {
      const row = this.at(tenantId, id, 0);
      if (row && row.state === 'OPEN') {
        row.wakeAt = at;
        row.queued = 0;
      }
    }
  }

  // ---- scheduler ----

  async claimDue(now: number, limit: number, lostUpTo: number, leaseUntil: number): Promise<DueDelivery[]> {
    this.assertOpen();
    const due = [...this.deliveries.values()]
      .filter((r) => r.state === 'OPEN' && r.wakeAt !== null && r.wakeAt <= now && (r.queued === 0 || r.wakeAt <= lostUpTo))
      .sort((a, b) => (a.wakeAt as number) - (b.wakeAt as number) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, Math.max(0, limit));
    for (const row of due) {
      row.wakeAt = leaseUntil;
      row.queued = 1;
    }
    return due.map(toDue);
  }

  async pruneIdempotencyKeys(before: number, limit: number): Promise<number> {
    this.assertOpen();
    const old = [...this.idempotency.entries()].filter(([, k]) => k.createdAt < before).sort(([, a], [, b]) => a.createdAt - b.createdAt);
    const doomed = old.slice(0, Math.max(0, limit));
    for (const [mapKey] of doomed) this.idempotency.delete(mapKey);
    return doomed.length;
  }

  // ---- retention ----

  async pruneClosedDeliveries(closedBefore: number, limit: number): Promise<PrunedDeliveries> {
    this.assertOpen();
    const doomed = [...this.deliveries.values()]
      .filter((r) => r.state === 'CLOSED' && r.closedAt !== null && r.closedAt < closedBefore)
      .sort((a, b) => (a.closedAt as number) - (b.closedAt as number))
      .slice(0, Math.max(0, limit));
    let attempts = 0;
    for (const row of doomed) {
      this.deliveries.delete(row.id);
      for (const [id, attempt] of this.attemptRows) {
        if (attempt.deliveryId === row.id) {
          this.attemptRows.delete(id);
          attempts += 1;
        }
      }
    }
    return { deliveries: doomed.length, attempts };
  }

  async takeLease(name: string, holder: string, now: number, until: number): Promise<boolean> {
    this.assertOpen();
    const lease = this.leases.get(name);
    if (lease && lease.holder !== holder && lease.expiresAt > now) return false;
    this.leases.set(name, { holder, expiresAt: until });
    return true;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.assertOpen();
    if (this.leases.get(name)?.holder === holder) this.leases.delete(name);
  }

  // ---- user actions ----

  async recall(tenantId: string, deliveryId: string, at: number, leaseUntil: number): Promise<DueDelivery | null> {
    this.assertOpen();
    const row = this.deliveries.get(deliveryId);
    if (!row || row.tenantId !== tenantId) return null;
    Object.assign(row, {
      state: 'OPEN', applicationState: 'RECALL', closeReason: null, closedAt: null, nextAttemptAt: at, wakeAt: leaseUntil, queued: 1,
      version: row.version + 1, updatedAt: at,
    });
    return toDue(row);
  }

  // ---- targets ----

  async getTarget(key: SubscriptionKey): Promise<StoredTarget | null> {
    this.assertOpen();
    const target = this.targetRows.get(targetKey(key));
    return target ? copyTarget(target) : null;
  }

  async putTargetConfig(key: SubscriptionKey, config: TargetConfigRow, at: number): Promise<void> {
    this.assertOpen();
    const target = this.targetOrNew(key);
    target.config = {
      url: config.url, headersSealed: config.headersSealed, legacyHeaders: null, policy: structuredClone(config.policy), authorizationSealed: config.authorizationSealed,
      group: config.group, label: config.label,
    };
    target.version += 1;
    target.updatedAt = at;
  }

  async swapTargetSecrets(key: SubscriptionKey, expected: string | null, secretsSealed: string, at: number): Promise<boolean> {
    this.assertOpen();
    const existing = this.targetRows.get(targetKey(key));
    if ((existing?.secretsSealed ?? null) !== expected || (expected !== null && !existing)) return false;
    const target = this.targetOrNew(key);
    target.secretsSealed = secretsSealed;
    target.version += 1;
    target.updatedAt = at;
    return true;
  }

  async removeTarget(key: SubscriptionKey, at: number): Promise<number> {
    this.assertOpen();
    this.targetRows.delete(targetKey(key));
    this.targetTimeRows.delete(targetKey(key));
    let closed = 0;
    for (const row of this.deliveries.values()) {
      if (sameSubscription(row, key) && row.state === 'OPEN') {
        closeRow(row, 'CANCELLED', at);
        closed += 1;
      }
    }
    return closed;
  }

  async setHealth(key: SubscriptionKey, change: HealthChange, at: number, onlyIfUnpaused: boolean, event?: StoredOperationalEvent | null): Promise<boolean> {
    this.assertOpen();
    const target = this.targetRows.get(targetKey(key));
    if (!target || (onlyIfUnpaused && target.pausedAt !== null)) return false;
    Object.assign(target, { failingSince: change.failingSince, pausedAt: change.pausedAt, lastError: change.lastError, version: target.version + 1, updatedAt: at });
    this.storeEvent(event);
    return true;
  }

  async resumeTarget(key: SubscriptionKey, at: number, event?: StoredOperationalEvent | null): Promise<ResumedTarget | null> {
    this.assertOpen();
    const target = this.targetRows.get(targetKey(key));
    if (!target) return null;
    const pausedAt = target.pausedAt;
    Object.assign(target, { failingSince: null, pausedAt: null, lastError: null, version: target.version + 1, updatedAt: at });
    if (pausedAt === null) return { reopened: 0, wasPaused: false };
    this.storeEvent(event);
    let reopened = 0;
    for (const row of this.deliveries.values()) {
      if (sameSubscription(row, key) && row.state === 'CLOSED' && row.closeReason === 'DISABLED' && row.closedAt !== null && row.closedAt >= pausedAt) {
        Object.assign(row, {
          state: 'OPEN', applicationState: 'RETRY', closeReason: null, closedAt: null, nextAttemptAt: at, wakeAt: at, queued: 0,
          version: row.version + 1, updatedAt: at,
        });
        reopened += 1;
      }
    }
    return { reopened, wasPaused: true };
  }

  async listPaused(tenantId: string, limit: number): Promise<StoredTarget[]> {
    this.assertOpen();
    return [...this.targetRows.values()]
      .filter((t) => t.key.tenantId === tenantId && t.pausedAt !== null)
      .sort((a, b) => (b.pausedAt as number) - (a.pausedAt as number))
      .slice(0, Math.max(0, limit))
      .map(copyTarget);
  }

  async addStats(batch: DeliveryStatsBatch): Promise<void> {
    this.assertOpen();
    for (const m of batch.minutes) {
      const key = `${m.tenantId}:${m.minute}`;
      const row = this.statsMinuteRows.get(key) ?? { ...m, delivered: 0, retrying: 0, failed: 0, disabled: 0, attempts: 0, latencyMsSum: 0 };
      this.statsMinuteRows.set(key, {
        ...row, delivered: row.delivered + m.delivered, retrying: row.retrying + m.retrying, failed: row.failed + m.failed,
        disabled: row.disabled + m.disabled, attempts: row.attempts + m.attempts, latencyMsSum: row.latencyMsSum + m.latencyMsSum,
      });
    }
    for (const l of batch.latency) {
      const key = `${l.tenantId}:${l.minute}:${l.bucket}`;
      this.statsLatencyRows.set(key, { ...l, count: (this.statsLatencyRows.get(key)?.count ?? 0) + l.count });
    }
    for (const t of batch.targets) {
      const key = targetKey(t.key);
      if (!this.targetRows.has(key)) continue;
      const row = this.targetTimeRows.get(key) ?? { key: { ...t.key }, lastSuccessAt: null, lastFailureAt: null };
      const times = { key: row.key, lastSuccessAt: later(row.lastSuccessAt, t.lastSuccessAt), lastFailureAt: later(row.lastFailureAt, t.lastFailureAt) };
      this.targetTimeRows.set(key, times);
      Object.assign(this.targetRows.get(key)!, { lastSuccessAt: times.lastSuccessAt, lastFailureAt: times.lastFailureAt });
    }
  }

  async pruneStats(before: number, limit: number): Promise<PrunedStats> {
    this.assertOpen();
    const doomed = [...this.statsMinuteRows.values()].filter((m) => m.minute < before).sort((a, b) => a.minute - b.minute).slice(0, Math.max(0, limit));
    let latency = 0;
    for (const m of doomed) {
      this.statsMinuteRows.delete(`${m.tenantId}:${m.minute}`);
      for (const [key, l] of this.statsLatencyRows) {
        if (l.tenantId === m.tenantId && l.minute === m.minute && this.statsLatencyRows.delete(key)) latency++;
      }
    }
    return { minutes: doomed.length, latency };
  }

  /** Test helper: the stored stats (minute rows, latency rows, targets' last success/failure). */
  stats(): DeliveryStatsBatch {
    return {
      minutes: [...this.statsMinuteRows.values()].map((r) => ({ ...r })),
      latency: [...this.statsLatencyRows.values()].map((r) => ({ ...r })),
      targets: [...this.targetTimeRows.values()].map((r) => ({ ...r, key: { ...r.key } })),
    };
  }

  async listTargets(tenantId: string, query: TargetListQuery): Promise<StoredTarget[]> {
    this.assertOpen();
    const after = query.after;
    return [...this.targetRows.values()]
      .filter((t) => t.key.tenantId === tenantId && (query.source === null || t.key.source === query.source)
        && (query.paused === null || (t.pausedAt !== null) === query.paused)
        && (after === null || t.key.source > after.source || (t.key.source === after.source && t.key.subscriptionId > after.subscriptionId)))
      .sort((a, b) => (a.key.source < b.key.source ? -1 : a.key.source > b.key.source ? 1 : a.key.subscriptionId < b.key.subscriptionId ? -1 : a.key.subscriptionId > b.key.subscriptionId ? 1 : 0))
      .slice(0, Math.max(0, query.limit))
      .map(copyTarget);
  }

  async pauseTarget(key: SubscriptionKey, at: number, event?: StoredOperationalEvent | null): Promise<boolean> {
    this.assertOpen();
    const target = this.targetRows.get(targetKey(key));
    if (!target || target.pausedAt !== null) return false;
    Object.assign(target, { pausedAt: at, version: target.version + 1, updatedAt: at });
    this.storeEvent(event);
    return true;
  }

  async pendingOperationalEvents(occurredAfter: number, occurredBefore: number, limit: number): Promise<StoredOperationalEvent[]> {
    this.assertOpen();
    return this.operationalEvents()
      .filter((e) => e.dispatchedAt === null && e.occurredAt >= occurredAfter && e.occurredAt < occurredBefore)
      .sort((a, b) => a.occurredAt - b.occurredAt || (a.id < b.id ? -1 : 1))
      .slice(0, Math.max(0, limit))
      .map(({ id, tenantId, type, occurredAt, data }) => ({ id, tenantId, type, occurredAt, data }));
  }

  async markOperationalEventDispatched(id: string, deliveryId: string | null, at: number): Promise<void> {
    this.assertOpen();
    const row = this.eventRows.get(id);
    if (row) Object.assign(row, { deliveryId, dispatchedAt: at });
  }

  /** The outbox row of a change that applied (same "transaction": nothing here can fail in between). */
  private storeEvent(event: StoredOperationalEvent | null | undefined): void {
    if (!event) return;
    if (this.eventRows.has(event.id)) throw new Error(`duplicate operational event id ${event.id}`);
    this.eventRows.set(event.id, { ...event, deliveryId: null, dispatchedAt: null });
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private at(tenantId: string, deliveryId: string, expectedVersion: number): MemoryDeliveryRow | null {
    const row = this.deliveries.get(deliveryId);
    return row && row.tenantId === tenantId && row.version === expectedVersion ? row : null;
  }

  private targetOrNew(key: SubscriptionKey): StoredTarget {
    const mapKey = targetKey(key);
    let target = this.targetRows.get(mapKey);
    if (!target) {
      target = { key: { ...key }, config: null, secretsSealed: null, failingSince: null, pausedAt: null, lastError: null, lastSuccessAt: null, lastFailureAt: null, version: 0, updatedAt: 0 };
      this.targetRows.set(mapKey, target);
    }
    return target;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('InMemoryDeliveryStore is closed');
  }
}

function later(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
