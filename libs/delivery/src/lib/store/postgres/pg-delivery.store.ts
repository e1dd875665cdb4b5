import { Pool, PoolClient, QueryResultRow } from 'pg';
import {
  AcceptOutcome, AttemptRecord, DeliveryStore, ResumedTarget, DueDelivery, HealthChange, IdempotencyClaim, NewDeliveryRow, PrunedDeliveries, PrunedStats, StoredTarget, SubscriptionKey,
  TargetConfigRow, TargetListQuery,
} from '../../core/ports/delivery-store.port';
import type { DeliveryStatsBatch } from '../../core/ports/delivery-stats.port';
import { idempotencyCreatedAt } from '../idempotency-created-at.util';
import { statsColumns } from '../sql/delivery-stats-rows.mapper';
import type { StoredOperationalEvent } from '../../core/ports/operational-events.port';
import {
  attemptInsertParams, deliveryInsertParams, DueRowRaw, finiteBound, ms, OperationalEventParams, operationalEventParams, recordUpdateParams, TargetRowRaw, targetListParams, toDueDelivery,
  toStoredOperationalEvent, toStoredTarget,
} from '../sql/delivery-store-rows.mapper';
import { PG_STATEMENTS, PgStatement } from './pg-delivery.statements';
import { PgGroupCommit } from './pg-group-commit';
import { insertOperationalEvent, runStatement } from './pg-write-batch';

export interface PgDeliveryStoreOptions {
  url: string;
  /** Connections of the store's own pool (default 10): one runs the group-committed writes, the rest serve reads. */
  poolSize?: number;
}

const keyValues = (key: SubscriptionKey): string[] => [key.tenantId, key.source, key.subscriptionId];

/**
 * DeliveryStore on PostgreSQL with node-pg: named prepared statements, multi-row writes through unnest(),
 * concurrent writes group-committed into one transaction (PgGroupCommit), claimDue with FOR UPDATE SKIP
 * LOCKED so schedulers in several processes never claim one row twice.
 *
 * Budget per group-committed batch (any number of calls): BEGIN, 1 INSERT for all accepted rows (+ 1-2
 * statements per idempotency key), 1 INSERT for all attempts, 1 UPDATE per kind of versioned write
 * (record, close, park; more only when one delivery appears twice), 1 UPDATE for all unqueues, the
 * other writes one by one, COMMIT. Reads (getTarget, listPaused) use the pool directly, as do the maintenance
 * writes (prunes, leases) and addStats: one statement per DELIVERY_STATS_FLUSH_MS, never one per attempt.
 * Measured (delivery-store.throughput.int-spec.ts, 2 cores, local PG 15): ~19-36k accepted rows/s, ~4-8k records/s.
 */
export class PgDeliveryStore implements DeliveryStore {
  private readonly pool: Pool;
  private readonly writes: PgGroupCommit;
  private closed = false;

  constructor(options: PgDeliveryStoreOptions) {
    this.pool = new Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle connection the server drops emits 'error' on the pool; unhandled, it would crash the
    // process. The next query gets a fresh connection (and its own error if the server is really gone).
    this.pool.on('error', () => undefined);
    this.writes = new PgGroupCommit(this.pool);
  }

  accept(rows: readonly NewDeliveryRow[], idempotency?: IdempotencyClaim): Promise<AcceptOutcome> {
    const claim = idempotency
      ? { tenant_id: idempotency.tenantId, idem_key: idempotency.key, reply: idempotency.reply, created_at: idempotencyCreatedAt(rows), not_before: idempotency.notBefore }
      : null;
    return this.write({ kind: 'accept', rows: rows.map(deliveryInsertParams), claim });
  }

  record(record: AttemptRecord): Promise<boolean> {
    return this.write({ kind: 'record', attempt: attemptInsertParams(record), update: recordUpdateParams(record), event: record.event ? operationalEventParams(record.event) : null });
  }

  closeUnattempted(tenantId: string, deliveryId: string, expectedVersion: number, reason: 'DISABLED' | 'CANCELLED', at: number): Promise<boolean> {
    return this.write({ kind: 'closeUnattempted', target: { id: deliveryId, tenant_id: tenantId, expected_version: expectedVersion, reason, at } });
  }

  park(tenantId: string, deliveryId: string, expectedVersion: number, wakeAt: number): Promise<boolean> {
    return this.write({ kind: 'park', target: { id: deliveryId, tenant_id: tenantId, expected_version: expectedVersion, wake_at: wakeAt } });
  }

  async unqueue(tenantId: string, deliveryIds: readonly string[], at: number): Promise<void> {
    if (deliveryIds.length === 0) return;
    await this.write({ kind: 'unqueue', tenant_id: tenantId, ids: [...deliveryIds], at });
  }

  async claimDue(now: number, limit: number, lostUpTo: number, leaseUntil: number): Promise<DueDelivery[]> {
    const rows = await this.exec((client) => runStatement<DueRowRaw & { due_at: string }>(client, PG_STATEMENTS.claimDue, [now, finiteBound(lostUpTo), Math.max(0, limit), leaseUntil]));
    // UPDATE … RETURNING has no order: restore the oldest-wake-first order of the claim.
    return rows.rows.sort((a, b) => Number(a.due_at) - Number(b.due_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(toDueDelivery);
  }

  async pruneIdempotencyKeys(before: number, limit: number): Promise<number> {
    const result = await this.exec((client) => runStatement(client, PG_STATEMENTS.idempotencyPrune, [before, Math.max(0, limit)]));
    return result.rowCount ?? 0;
  }

  async pruneClosedDeliveries(closedBefore: number, limit: number): Promise<PrunedDeliveries> {
    // Its own transaction beside the group commit (one statement): the hot path never queues behind a prune.
    const { rows } = await this.read<{ deliveries: string; attempts: string }>(PG_STATEMENTS.closedPrune, [closedBefore, Math.max(0, limit)]);
    return { deliveries: Number(rows[0]?.deliveries ?? 0), attempts: Number(rows[0]?.attempts ?? 0) };
  }

  async takeLease(name: string, holder: string, now: number, until: number): Promise<boolean> {
    const { rows } = await this.read(PG_STATEMENTS.leaseTake, [name, holder, now, until]);
    return rows.length > 0;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.read(PG_STATEMENTS.leaseRelease, [name, holder]);
  }

  async recall(tenantId: string, deliveryId: string, at: number, leaseUntil: number): Promise<DueDelivery | null> {
    const { rows } = await this.exec((client) => runStatement<DueRowRaw>(client, PG_STATEMENTS.recall, [deliveryId, tenantId, at, leaseUntil]));
    return rows[0] ? toDueDelivery(rows[0]) : null;
  }

  async getTarget(key: SubscriptionKey): Promise<StoredTarget | null> {
    const { rows } = await this.read<TargetRowRaw>(PG_STATEMENTS.targetGet, keyValues(key));
    return rows[0] ? toStoredTarget(rows[0]) : null;
  }

  async putTargetConfig(key: SubscriptionKey, config: TargetConfigRow, at: number): Promise<void> {
    const values = [...keyValues(key), config.url, config.headersSealed, JSON.stringify(config.policy), config.authorizationSealed, at, config.group, config.label];
    await this.exec((client) => runStatement(client, PG_STATEMENTS.targetPutConfig, values));
  }

  swapTargetSecrets(key: SubscriptionKey, expected: string | null, secretsSealed: string, at: number): Promise<boolean> {
    const values = [...keyValues(key), secretsSealed, at];
    const [statement, bound] = expected === null ? [PG_STATEMENTS.targetInitSecrets, values] : [PG_STATEMENTS.targetSwapSecrets, [...values, expected]];
    return this.exec(async (client) => ((await runStatement(client, statement, bound)).rowCount ?? 0) > 0);
  }

  removeTarget(key: SubscriptionKey, at: number): Promise<number> {
    return this.exec(async (client) => {
      await runStatement(client, PG_STATEMENTS.targetDelete, keyValues(key));
      return (await runStatement(client, PG_STATEMENTS.cancelOpen, [...keyValues(key), at])).rowCount ?? 0;
    });
  }

  setHealth(key: SubscriptionKey, change: HealthChange, at: number, onlyIfUnpaused: boolean, event?: StoredOperationalEvent | null): Promise<boolean> {
    const values = [...keyValues(key), change.failingSince, change.pausedAt, change.lastError, at, onlyIfUnpaused];
    return this.exec(async (client) => withEvent(client, ((await runStatement(client, PG_STATEMENTS.targetSetHealth, values)).rowCount ?? 0) > 0, event));
  }

  resumeTarget(key: SubscriptionKey, at: number, event?: StoredOperationalEvent | null): Promise<ResumedTarget | null> {
    return this.exec(async (client) => {
      // FOR UPDATE: a pause decided concurrently lands either before (and is cleared) or after this resume.
      const { rows } = await runStatement<{ paused_at: string | null }>(client, PG_STATEMENTS.targetLockPausedAt, keyValues(key));
      if (!rows[0]) return null;
      await runStatement(client, PG_STATEMENTS.targetResume, [...keyValues(key), at]);
      const pausedAt = ms(rows[0].paused_at);
      if (pausedAt === null) return { reopened: 0, wasPaused: false };
      await withEvent(client, true, event);
      return { reopened: (await runStatement(client, PG_STATEMENTS.reopenDisabled, [...keyValues(key), at, pausedAt])).rowCount ?? 0, wasPaused: true };
    });
  }

  async listPaused(tenantId: string, limit: number): Promise<StoredTarget[]> {
    const { rows } = await this.read<TargetRowRaw>(PG_STATEMENTS.targetsPaused, [tenantId, Math.max(0, limit)]);
    return rows.map(toStoredTarget);
  }

  async addStats(batch: DeliveryStatsBatch): Promise<void> {
    if (batch.minutes.length === 0 && batch.targets.length === 0) return;
    await this.read(PG_STATEMENTS.statsAdd, statsColumns(batch));
  }

  async pruneStats(before: number, limit: number): Promise<PrunedStats> {
    const { rows } = await this.read<{ minutes: string; latency: string }>(PG_STATEMENTS.statsPrune, [before, Math.max(0, limit)]);
    return { minutes: Number(rows[0]?.minutes ?? 0), latency: Number(rows[0]?.latency ?? 0) };
  }

  async listTargets(tenantId: string, query: TargetListQuery): Promise<StoredTarget[]> {
    const p = targetListParams(tenantId, query);
    const { rows } = await this.read<TargetRowRaw>(PG_STATEMENTS.targetsPage, [p.tenant_id, p.source, p.paused, p.after_source, p.after_id, p.limit]);
    return rows.map(toStoredTarget);
  }

  pauseTarget(key: SubscriptionKey, at: number, event?: StoredOperationalEvent | null): Promise<boolean> {
    return this.exec(async (client) => withEvent(client, ((await runStatement(client, PG_STATEMENTS.targetPause, [...keyValues(key), at])).rowCount ?? 0) > 0, event));
  }

  async pendingOperationalEvents(occurredAfter: number, occurredBefore: number, limit: number): Promise<StoredOperationalEvent[]> {
    const { rows } = await this.read<OperationalEventParams>(PG_STATEMENTS.operationalEventsPending, [occurredAfter, occurredBefore, Math.max(0, limit)]);
    return rows.map(toStoredOperationalEvent);
  }

  async markOperationalEventDispatched(id: string, deliveryId: string | null, at: number): Promise<void> {
    await this.read(PG_STATEMENTS.operationalEventDispatched, [id, deliveryId, at]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writes.idle();
    await this.pool.end();
  }

  private write<T>(op: Parameters<PgGroupCommit['submit']>[0]): Promise<T> {
    if (this.closed) return Promise.reject(new Error('PgDeliveryStore is closed'));
    return this.writes.submit<T>(op);
  }

  /** A write that is not one of the merged hot kinds: it runs as is, inside the next group-committed transaction. */
  private exec<T>(run: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.write<T>({ kind: 'exec', run });
  }

  /** One statement on its own connection and implicit transaction (reads, and the maintenance writes that must not join the group commit). */
  private read<R extends QueryResultRow>(statement: PgStatement, values: unknown[]): Promise<{ rows: R[] }> {
    if (this.closed) return Promise.reject(new Error('PgDeliveryStore is closed'));
    return this.pool.query<R>({ name: statement.name, text: statement.text, values });
  }
}

/** Writes the change's outbox row in the same transaction when the change applied; resolves `applied`. */
async function withEvent(client: PoolClient, applied: boolean, event: StoredOperationalEvent | null | undefined): Promise<boolean> {
  if (applied && event) await insertOperationalEvent(client, operationalEventParams(event));
  return applied;
}
