import { PoolClient, QueryResultRow } from 'pg';
import { AcceptOutcome } from '../../core/ports/delivery-store.port';
import { AttemptInsertParams, DeliveryInsertParams, OperationalEventParams, RecordUpdateParams } from '../sql/delivery-store-rows.mapper';
import { PG_STATEMENTS, PgStatement } from './pg-delivery.statements';

export interface ClaimParams {
  tenant_id: string;
  idem_key: string;
  reply: string;
  created_at: number;
  not_before: number;
}

interface Versioned {
  id: string;
  tenant_id: string;
  expected_version: number;
}

/** One queued write. The hot kinds are merged into multi-row statements; `exec` runs as is, in order. */
export type PgWriteOp =
  | { kind: 'accept'; rows: DeliveryInsertParams[]; claim: ClaimParams | null }
  | { kind: 'record'; attempt: AttemptInsertParams; update: RecordUpdateParams; event: OperationalEventParams | null }
  | { kind: 'closeUnattempted'; target: Versioned & { reason: string; at: number } }
  | { kind: 'park'; target: Versioned & { wake_at: number } }
  | { kind: 'unqueue'; tenant_id: string; ids: string[]; at: number }
  | { kind: 'exec'; run: (client: PoolClient) => Promise<unknown> };

export function runStatement<R extends QueryResultRow>(client: PoolClient, statement: PgStatement, values: unknown[]): Promise<{ rows: R[]; rowCount: number | null }> {
  return client.query<R>({ name: statement.name, text: statement.text, values });
}

/** The outbox row of an operational event, inside the caller's transaction (ADR 0012). */
export async function insertOperationalEvent(client: PoolClient, e: OperationalEventParams): Promise<void> {
  await runStatement(client, PG_STATEMENTS.operationalEventInsert, [e.id, e.tenant_id, e.type, e.occurred_at, e.data]);
}

/** Column arrays for an unnest() statement: columns[i] holds every row's value of key i. */
function columns<T>(rows: readonly T[], keys: ReadonlyArray<keyof T>): unknown[][] {
  return keys.map((key) => rows.map((row) => row[key]));
}

/**
 * Splits versioned updates into rounds in which each delivery appears once: `UPDATE … FROM unnest(…)`
 * applies one input row per target row, so two updates of one delivery in a batch must run one after
 * the other (the second then sees the first's new version, as if its caller had come later).
 */
function rounds<T>(items: readonly T[], idOf: (item: T) => string): T[][] {
  const out: Array<{ ids: Set<string>; items: T[] }> = [];
  for (const item of items) {
    const id = idOf(item);
    let round = out.find((r) => !r.ids.has(id));
    if (!round) out.push((round = { ids: new Set(), items: [] }));
    round.ids.add(id);
    round.items.push(item);
  }
  return out.map((r) => r.items);
}

/** Runs one versioned multi-row UPDATE per round; resolves each item's "did it apply". */
async function versionedUpdate<T>(client: PoolClient, statement: PgStatement, items: readonly T[], target: (item: T) => Versioned, extra: (items: readonly T[]) => unknown[][]): Promise<Map<T, boolean>> {
  const applied = new Map<T, boolean>();
  for (const round of rounds(items, (item) => target(item).id)) {
    const keys = round.map(target);
    const { rows } = await runStatement<{ id: string }>(client, statement, [...columns(keys, ['id', 'tenant_id', 'expected_version']), ...extra(round)]);
    const hit = new Set(rows.map((r) => r.id));
    for (const item of round) applied.set(item, hit.has(target(item).id));
  }
  return applied;
}

/** Executes a batch inside the caller's open transaction and returns each op's result, in order. */
export async function runWriteBatch(client: PoolClient, ops: readonly PgWriteOp[]): Promise<unknown[]> {
  const results = new Array<unknown>(ops.length);
  const of = <K extends PgWriteOp['kind']>(kind: K): Array<{ op: Extract<PgWriteOp, { kind: K }>; index: number }> =>
    ops.flatMap((op, index) => (op.kind === kind ? [{ op: op as Extract<PgWriteOp, { kind: K }>, index }] : []));

  const rows: DeliveryInsertParams[] = [];
  for (const { op, index } of of('accept')) {
    let outcome: AcceptOutcome = { kind: 'stored' };
    if (op.claim) {
      const c = op.claim;
      const claimed = await runStatement(client, PG_STATEMENTS.idempotencyClaim, [c.tenant_id, c.idem_key, c.reply, c.created_at, c.not_before]);
      if (claimed.rows.length === 0) {
        const { rows: stored } = await runStatement<{ reply: string }>(client, PG_STATEMENTS.idempotencyReply, [c.tenant_id, c.idem_key]);
        outcome = { kind: 'duplicate', reply: stored[0]?.reply ?? '' };
      }
    }
    if (outcome.kind === 'stored') rows.push(...op.rows);
    results[index] = outcome;
  }
  if (rows.length > 0) {
    await runStatement(client, PG_STATEMENTS.deliveriesInsert, columns(rows, [
      'id', 'tenant_id', 'source', 'subscription_id', 'url', 'event', 'payload', 'headers', 'policy', 'authorization_sealed', 'traceparent', 'created_at', 'wake_at',
    ]));
  }

  const records = of('record');
  if (records.length > 0) {
    await runStatement(client, PG_STATEMENTS.attemptsInsert, columns(records.map((r) => r.op.attempt), [
      'id', 'delivery_id', 'number', 'attempted_at', 'duration_ms', 'status_code', 'error', 'response_snippet',
    ]));
    const applied = await versionedUpdate(client, PG_STATEMENTS.recordUpdate, records, (r) => r.op.update, (round) => columns(round.map((r) => r.op.update), [
      'state', 'application_state', 'close_reason', 'attempts', 'url', 'next_attempt_at', 'wake_at', 'closed_at', 'updated_at',
    ]));
    for (const r of records) results[r.index] = applied.get(r);
    // Operational events (rare: an exhaustion) go in with the update that caused them, only if it applied.
    for (const r of records) if (r.op.event && applied.get(r)) await insertOperationalEvent(client, r.op.event);
  }

  const closes = of('closeUnattempted');
  const closed = await versionedUpdate(client, PG_STATEMENTS.closeUnattempted, closes, (c) => c.op.target, (round) => columns(round.map((c) => c.op.target), ['reason', 'at']));
  for (const c of closes) results[c.index] = closed.get(c);

  const parks = of('park');
  const parked = await versionedUpdate(client, PG_STATEMENTS.park, parks, (p) => p.op.target, (round) => columns(round.map((p) => p.op.target), ['wake_at']));
  for (const p of parks) results[p.index] = parked.get(p);

  const unqueues = of('unqueue').flatMap(({ op, index }) => {
    results[index] = undefined;
    return op.ids.map((id) => ({ id, tenant_id: op.tenant_id, at: op.at }));
  });
  if (unqueues.length > 0) await runStatement(client, PG_STATEMENTS.unqueue, columns(unqueues, ['id', 'tenant_id', 'at']));

  for (const { op, index } of of('exec')) results[index] = await op.run(client);
  return results;
}
