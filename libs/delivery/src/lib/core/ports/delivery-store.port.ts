import type { EnginePolicy } from '../../engine/delivery-policy.types';
import type { DeliveryStatsBatch } from './delivery-stats.port';
import type { StoredOperationalEvent } from './operational-events.port';

/**
 * The engine's persistence port: every read and write of the delivery tables (deliveries, delivery_attempts,
 * delivery_targets, delivery_idempotency_keys) that the engine makes. Two implementations run the same engine:
 * SQLite (better-sqlite3 prepared statements on a writer thread, so no event loop ever waits for the file's
 * write lock) and PostgreSQL (pg, multi-row statements); tests also use an in-memory one.
 *
 * Every method that writes is group-committed by the implementation: concurrent calls share one transaction
 * (one lock acquisition, one fsync), and each caller's promise settles only once its write is durable.
 * If the shared transaction fails, every call in it rejects (nothing half-done is committed).
 *
 * All times are epoch milliseconds. Every delivery query is scoped by tenant.
 */

/** `operational_webhook`: a tenant's own operational events (subscription paused/resumed, delivery exhausted). */
export type DeliverySource = 'envelope_callback' | 'application_webhook' | 'integration_point' | 'operational_webhook';
export type DeliveryRowState = 'OPEN' | 'CLOSED';
export type DeliveryApplicationState = 'NEW' | 'RETRY' | 'RECALL' | 'CLOSED';
export type DeliveryCloseReason = 'DELIVERED' | 'EXHAUSTED' | 'CANCELLED' | 'DISABLED';

/** The `policy` column: how to deliver (retries, timeout, success rule), stored as JSON. */
export type StoredPolicy = EnginePolicy;

export interface SubscriptionKey {
  tenantId: string;
  source: DeliverySource;
  subscriptionId: string;
}

/**
 * A delivery to store when accepted: state OPEN, application state NEW, attempts 0, version 0. `headers` and
 * `authorizationSealed` are legacy columns: the engine no longer copies a subscription's credentials into
 * its deliveries (attempts read them from the target), so it writes `{}` and null; rows stored before still
 * carry theirs until they close.
 */
export interface NewDeliveryRow {
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
  /** W3C trace context of the accepting request; null when tracing is off. */
  traceparent: string | null;
  /** created_at = updated_at = next_attempt_at. */
  createdAt: number;
  /**
   * When the scheduler should look at the row if nothing else has: the job lease. The fresh job is
   * published right after the commit; if it is lost, the scheduler re-publishes the row once this passes.
   */
  wakeAt: number;
}

/** An Idempotency-Key claimed together with the deliveries of one request. */
export interface IdempotencyClaim {
  tenantId: string;
  /** Scope + client key, e.g. `webhooks.application-event:9:<client key>` (at most 300 chars). */
  key: string;
  /** The reply to give every later request with the same key (JSON text). */
  reply: string;
  /** A stored key older than this (epoch ms) is expired: it is replaced, not honoured. */
  notBefore: number;
}

export type AcceptOutcome = { kind: 'stored' } | { kind: 'duplicate'; reply: string };

/** One HTTP attempt, for delivery_attempts. */
export interface AttemptRow {
  id: string;
  deliveryId: string;
  number: number;
  attemptedAt: number;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseSnippet: string;
}

/** An attempt and the delivery's new state, committed together; the state applies only at `expectedVersion`. */
export interface AttemptRecord {
  tenantId: string;
  deliveryId: string;
  expectedVersion: number;
  attempt: AttemptRow;
  update: {
    state: DeliveryRowState;
    applicationState: DeliveryApplicationState;
    closeReason: DeliveryCloseReason | null;
    attempts: number;
    /** The URL the attempt went to (the target's current one). */
    url: string;
    nextAttemptAt: number | null;
    /** = nextAttemptAt while retries remain (queued becomes 0: the scheduler publishes it when due); null once closed. */
    wakeAt: number | null;
    closedAt: number | null;
    updatedAt: number;
  };
  /** The operational event this update causes (delivery.exhausted): stored with it, only if it applies. */
  event?: StoredOperationalEvent | null;
}

/** A stored delivery whose job the scheduler (re)publishes: everything a DeliveryJobV2 carries. */
export interface DueDelivery {
  id: string;
  tenantId: string;
  source: DeliverySource;
  subscriptionId: string;
  event: string;
  payload: string;
  attempts: number;
  version: number;
  applicationState: 'NEW' | 'RETRY' | 'RECALL';
  createdAt: number;
  url: string;
  headers: Record<string, string>;
  policy: StoredPolicy;
  authorizationSealed: string | null;
  /** The accepting request's trace context, for the job's headers. */
  traceparent: string | null;
}

/** What putTargetConfig writes: custom headers and Authorization sealed (DeliverySealer), never in clear. */
export interface TargetConfigRow {
  url: string;
  /** Sealed JSON object of custom headers; null when there are none. */
  headersSealed: string | null;
  policy: StoredPolicy;
  authorizationSealed: string | null;
  /** What the subscription belongs to (mailbox uuid, application id), for listing; null when none. */
  group: string | null;
  /** A human name of the subscription; null when none. */
  label: string | null;
}

/** A page of a tenant's targets in (source, subscription_id) order, continuing after `after`. */
export interface TargetListQuery {
  source: DeliverySource | null;
  /** true: only paused ones; false: only unpaused ones; null: all. */
  paused: boolean | null;
  after: { source: DeliverySource; subscriptionId: string } | null;
  limit: number;
}

/**
 * A subscription's delivery target (table delivery_targets, primary key tenant_id+source+subscription_id).
 * `config` is null for a target created by the migration from a pre-target subscription (only its secrets
 * are known) until its service adopts it (DeliveryIntake); deliveries then use what they were accepted with.
 */
export interface StoredTarget {
  key: SubscriptionKey;
  config: (TargetConfigRow & {
    /** Headers of a target written before they were sealed (the plaintext `headers` column); null once sealed. */
    legacyHeaders: Record<string, string> | null;
  }) | null;
  /** Sealed JSON list of signing secrets; null when none. */
  secretsSealed: string | null;
  failingSince: number | null;
  pausedAt: number | null;
  lastError: string | null;
  /** The latest attempt that delivered / that failed (written by the stats flush, not versioned: the cache ignores them). */
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  /** Bumped by every change. */
  version: number;
  updatedAt: number;
}

/** What one resumeTarget did. */
export interface ResumedTarget {
  /** Deliveries closed DISABLED during the pause, opened again. */
  reopened: number;
  /** Whether it was paused (false: it was running already and nothing changed but the failure streak). */
  wasPaused: boolean;
}

export interface HealthChange {
  failingSince: number | null;
  pausedAt: number | null;
  lastError: string | null;
}

/** What one pruneStats call deleted. */
export interface PrunedStats {
  minutes: number;
  latency: number;
}

/** What one pruneClosedDeliveries call deleted. */
export interface PrunedDeliveries {
  deliveries: number;
  attempts: number;
}

export interface DeliveryStore {
  // ---- hot path (group-committed) ----

  /**
   * Stores one request's deliveries all-or-nothing, with its idempotency key if any: when a live key
   * exists already, nothing is stored and its reply is returned. Rows: state OPEN, application_state NEW,
   * attempts 0, version 0, next_attempt_at = created_at, wake_at = row.wakeAt, queued = 1.
   */
  accept(rows: readonly NewDeliveryRow[], idempotency?: IdempotencyClaim): Promise<AcceptOutcome>;

  /**
   * Inserts the attempt row (always: an attempt that happened is history) and applies the update with
   * version + 1, queued = 0, only if the row is still at `expectedVersion`. Resolves true if it applied.
   * Every close (here, closeUnattempted, removeTarget) also drops a legacy credential copy of the row
   * (headers = {}, authorization_sealed = null): a closed delivery keeps no credentials.
   */
  record(record: AttemptRecord): Promise<boolean>;

  /** Closes without an attempt (DISABLED: paused target; CANCELLED: target gone), if still at the version. */
  closeUnattempted(tenantId: string, deliveryId: string, expectedVersion: number, reason: 'DISABLED' | 'CANCELLED', at: number): Promise<boolean>;

  /** Sets wake_at, queued = 0 (no job exists; the scheduler publishes it then), if still at the version. */
  park(tenantId: string, deliveryId: string, expectedVersion: number, wakeAt: number): Promise<boolean>;

  /** After a failed publish of fresh jobs: wake_at = at, queued = 0 for those ids (still OPEN, version 0). */
  unqueue(tenantId: string, deliveryIds: readonly string[], at: number): Promise<void>;

  // ---- scheduler ----

  /**
   * Claims up to `limit` OPEN rows with wake_at <= now, oldest wake_at first: queued = 0 rows always,
   * queued = 1 rows (a job was published but may be lost) only with wake_at <= `lostUpTo`. Sets wake_at =
   * leaseUntil, queued = 1 and returns them. Concurrent schedulers (other processes) never get the same
   * row (SQLite: one writer; PostgreSQL: FOR UPDATE SKIP LOCKED).
   */
  claimDue(now: number, limit: number, lostUpTo: number, leaseUntil: number): Promise<DueDelivery[]>;

  /** Deletes idempotency keys created before `before`, at most `limit`; returns how many. */
  pruneIdempotencyKeys(before: number, limit: number): Promise<number>;

  // ---- retention (RetentionSweeper) ----

  /**
   * Deletes at most `limit` CLOSED deliveries closed before `closedBefore` (oldest close first) with their
   * attempts, in one short transaction; OPEN rows are never touched (a recall that reopened a row first
   * keeps it). Returns how many rows of each table went.
   */
  pruneClosedDeliveries(closedBefore: number, limit: number): Promise<PrunedDeliveries>;

  /**
   * Takes or renews the lease `name` for `holder` until `until` if it is free (no row, expired at `now`, or
   * already this holder's), in one conditional statement: of concurrent takers exactly one gets it.
   */
  takeLease(name: string, holder: string, now: number, until: number): Promise<boolean>;

  /** Gives the lease up if `holder` still holds it (another replica may take it at once). */
  releaseLease(name: string, holder: string): Promise<void>;

  // ---- user actions on deliveries ----

  /**
   * Deliver again now, same id: state OPEN, application_state RECALL, close_reason/closed_at null,
   * next_attempt_at = at, wake_at = leaseUntil, queued = 1, version + 1. Returns the job data, or null if no such delivery.
   */
  recall(tenantId: string, deliveryId: string, at: number, leaseUntil: number): Promise<DueDelivery | null>;

  // ---- targets ----

  getTarget(key: SubscriptionKey): Promise<StoredTarget | null>;

  /** Creates or replaces the target's config (keeps secrets and health; clears legacy plaintext headers); version + 1. */
  putTargetConfig(key: SubscriptionKey, config: TargetConfigRow, at: number): Promise<void>;

  /**
   * Compare-and-set of the target's sealed secrets; version + 1 when it applies. `expected` null: only if the
   * target has none (creating it, config null, if needed); otherwise only if its secrets are still exactly
   * `expected`. Of racing writers that read the same secrets (two first upserts, two rotations) exactly one
   * applies. True if this call's secrets were stored.
   */
  swapTargetSecrets(key: SubscriptionKey, expected: string | null, secretsSealed: string, at: number): Promise<boolean>;

  /**
   * Removes the target and closes its OPEN deliveries as CANCELLED (close_reason CANCELLED, wake_at null,
   * version + 1), in one transaction. Returns how many deliveries were closed.
   */
  removeTarget(key: SubscriptionKey, at: number): Promise<number>;

  /**
   * Sets the target's health. `onlyIfUnpaused`: applies only when paused_at is null (a pause decided by
   * one replica is not overwritten by another's stale view). Resolves true if it applied. `event`
   * (subscription.paused) is stored in the same transaction, only if it applied.
   */
  setHealth(key: SubscriptionKey, change: HealthChange, at: number, onlyIfUnpaused: boolean, event?: StoredOperationalEvent | null): Promise<boolean>;

  /**
   * Un-pauses: clears failing_since, paused_at, last_error (version + 1), and reopens the deliveries that
   * closed DISABLED since it was paused (state OPEN, application_state RETRY, wake_at = at, queued = 0,
   * version + 1) so the scheduler sends them. Returns how many reopened and whether it was paused when this
   * ran, or null if there is no such target. `event` (subscription.resumed) is stored in the same
   * transaction, only if the target was paused.
   */
  resumeTarget(key: SubscriptionKey, at: number, event?: StoredOperationalEvent | null): Promise<ResumedTarget | null>;

  /** A tenant's paused targets, newest pause first. */
  listPaused(tenantId: string, limit: number): Promise<StoredTarget[]>;

  // ---- delivery stats (DeliveryStatsFlusher, RetentionSweeper) ----

  /**
   * Adds one flush of the pre-aggregated stats in one transaction: each minute row and latency row is added
   * to the stored one (upsert: several processes add into the same minute), and each target's last_success_at /
   * last_failure_at moves forward to the batch's value if later (never back; no version bump: the target
   * cache does not hold them). A target that no longer exists is skipped.
   */
  addStats(batch: DeliveryStatsBatch): Promise<void>;

  /** Deletes at most `limit` stats minutes older than `before` (epoch ms) with their latency rows, oldest first. */
  pruneStats(before: number, limit: number): Promise<PrunedStats>;
  /** A tenant's targets by keyset on the primary key (source, subscription_id ascending), filtered. */
  listTargets(tenantId: string, query: TargetListQuery): Promise<StoredTarget[]>;

  /**
   * An operator's pause: paused_at = at (failing_since and last_error kept), version + 1, only if it exists
   * and is not paused. Resolves true if it applied. `event` (subscription.paused) is stored in the same
   * transaction, only if it applied.
   */
  pauseTarget(key: SubscriptionKey, at: number, event?: StoredOperationalEvent | null): Promise<boolean>;

  // ---- operational events outbox (OperationalEventEmitter; ADR 0012) ----

  /**
   * Stored events not yet dispatched that occurred in [occurredAfter, occurredBefore), oldest first, at most
   * `limit`, of every tenant (the relay's read: a partial index holds only the undispatched ones).
   */
  pendingOperationalEvents(occurredAfter: number, occurredBefore: number, limit: number): Promise<StoredOperationalEvent[]>;

  /** Marks an event dispatched at `at`, with the id of its operational webhook delivery (or null). */
  markOperationalEventDispatched(id: string, deliveryId: string | null, at: number): Promise<void>;

  close(): Promise<void>;
}
