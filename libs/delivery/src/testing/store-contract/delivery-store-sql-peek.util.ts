import BetterSqlite3 from 'better-sqlite3';
import { Pool } from 'pg';
import { AttemptRow, DeliveryApplicationState, DeliveryCloseReason, DeliveryRowState } from '../../lib/core/ports/delivery-store.port';
import type { DeliveryStorePeek, PeekedDelivery } from './delivery-store.contract';
import { ms } from '../../lib/store/sql/delivery-store-rows.mapper';

/**
 * Test support for the SQL stores: reads rows behind the store's back and empties the tables between
 * contract tests, through a connection of its own (a plain better-sqlite3 one, or a small pg pool).
 */
export interface SqlTestConnection {
  peek: DeliveryStorePeek;
  /** Deletes every row of the engine's tables. */
  wipe(): Promise<void>;
  close(): Promise<void>;
}

type Epoch = number | string;
interface DeliveryRaw {
  state: string; application_state: string; close_reason: string | null; attempts: number; url: string; next_attempt_at: Epoch | null;
  wake_at: Epoch | null; queued: number; version: number; closed_at: Epoch | null; updated_at: Epoch;
}
interface AttemptRaw {
  id: string; delivery_id: string; number: number; attempted_at: Epoch; duration_ms: number; status_code: number | null; error: string | null; response_snippet: string;
}

const TABLES = ['deliveries', 'delivery_attempts', 'delivery_targets', 'delivery_idempotency_keys', 'delivery_leases', 'operational_events'];
const DELIVERY_SQL = 'SELECT state, application_state, close_reason, attempts, url, next_attempt_at, wake_at, queued, version, closed_at, updated_at FROM deliveries WHERE id = ';
const ATTEMPTS_SQL = 'SELECT * FROM delivery_attempts WHERE delivery_id = ';

function toPeeked(r: DeliveryRaw): PeekedDelivery {
  return {
    state: r.state as DeliveryRowState, applicationState: r.application_state as DeliveryApplicationState, closeReason: r.close_reason as DeliveryCloseReason | null,
    attempts: Number(r.attempts), url: r.url, nextAttemptAt: ms(r.next_attempt_at), wakeAt: ms(r.wake_at), queued: Number(r.queued),
    version: Number(r.version), closedAt: ms(r.closed_at), updatedAt: ms(r.updated_at),
  };
}

function toAttempt(r: AttemptRaw): AttemptRow {
  return {
    id: r.id, deliveryId: r.delivery_id, number: Number(r.number), attemptedAt: ms(r.attempted_at), durationMs: Number(r.duration_ms),
    statusCode: r.status_code === null ? null : Number(r.status_code), error: r.error, responseSnippet: r.response_snippet,
  };
}

export function sqliteTestConnection(path: string): SqlTestConnection {
  const db = new BetterSqlite3(path, { timeout: 15_000 });
  return {
    peek: {
      delivery: async (id) => {
        const row = db.prepare(`${DELIVERY_SQL}?`).get(id) as DeliveryRaw | undefined;
        return row ? toPeeked(row) : null;
      },
      attempts: async (deliveryId) => (db.prepare(`${ATTEMPTS_SQL}? ORDER BY number, id`).all(deliveryId) as AttemptRaw[]).map(toAttempt),
    },
    wipe: async () => {
      for (const table of TABLES) db.prepare(`DELETE FROM ${table}`).run();
    },
    close: async () => {
      db.close();
    },
  };
}

export function pgTestConnection(url: string): SqlTestConnection {
  const pool = new Pool({ connectionString: url, max: 2 });
  return {
    peek: {
      delivery: async (id) => {
        const { rows } = await pool.query<DeliveryRaw>(`${DELIVERY_SQL}$1`, [id]);
        return rows[0] ? toPeeked(rows[0]) : null;
      },
      attempts: async (deliveryId) => (await pool.query<AttemptRaw>(`${ATTEMPTS_SQL}$1 ORDER BY number, id`, [deliveryId])).rows.map(toAttempt),
    },
    wipe: async () => {
      await pool.query(`TRUNCATE ${TABLES.join(', ')}`);
    },
    close: () => pool.end(),
  };
}
