import { Pool, PoolClient } from 'pg';
import { PgWriteOp, runWriteBatch } from './pg-write-batch';

interface Pending {
  op: PgWriteOp;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** PostgreSQL errors worth one more try on their own: the other transaction has finished by then. */
const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected
const MAX_TRIES = 3;
const MAX_BATCH = 1000;

/**
 * Group commit for the PostgreSQL store: writes submitted while a transaction is in flight queue up and
 * go together in the next one (multi-row statements, one commit, one WAL flush). If that transaction
 * fails, every write of it is retried in a transaction of its own, so one bad write (a duplicate id)
 * fails alone and its neighbours still commit.
 */
export class PgGroupCommit {
  private queue: Pending[] = [];
  private running: Promise<void> | null = null;

  constructor(private readonly pool: Pool) {}

  submit<T>(op: PgWriteOp): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ op, resolve: resolve as (value: unknown) => void, reject });
      // setImmediate: the writes submitted in this turn of the event loop join the first batch.
      this.running ??= new Promise<void>((done) => setImmediate(() => void this.drain().finally(done)));
    });
  }

  /** Resolves once every write submitted so far has settled. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const results = await this.transaction(batch.map((p) => p.op));
          batch.forEach((p, i) => p.resolve(results[i]));
        } catch (error) {
          if (batch.length === 1) batch[0]!.reject(error);
          else for (const pending of batch) await this.alone(pending);
        }
      }
    } finally {
      this.running = null;
    }
  }

  private async alone(pending: Pending): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const [result] = await this.transaction([pending.op]);
        pending.resolve(result);
        return;
      } catch (error) {
        if (attempt >= MAX_TRIES || !RETRYABLE.has(String((error as { code?: unknown }).code))) {
          pending.reject(error);
          return;
        }
      }
    }
  }

  private async transaction(ops: readonly PgWriteOp[]): Promise<unknown[]> {
    const client: PoolClient = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      try {
        const results = await runWriteBatch(client, ops);
        await client.query('COMMIT');
        return results;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true; // a connection that cannot roll back must not go back to the pool
        });
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }
}
