import { DataSource, EntityManager } from 'typeorm';
import { SQLITE_BUSY_TIMEOUT_MS } from './data-source-options';

const chains = new WeakMap<DataSource, Promise<unknown>>();

/**
 * TypeORM's better-sqlite3 driver runs everything on ONE connection. Two async transactions in one
 * process would interleave on it ("cannot start a transaction within a transaction"), and a plain write
 * issued while a transaction is open would silently become part of it. So on SQLite every write and
 * transaction of a data source runs one after another; better-sqlite3 is synchronous, so the queue costs
 * little. PostgreSQL uses a pool (one connection per transaction) and runs as is.
 */
export function serializedWrite<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return work();
  const previous = chains.get(dataSource) ?? Promise.resolve();
  const attempt = (): Promise<T> => retryWhileLocked(work);
  const run = previous.then(attempt, attempt);
  chains.set(dataSource, run.catch(() => undefined));
  return run;
}

export function serializedTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return serializedWrite(dataSource, () => dataSource.transaction(work));
}

/**
 * The main thread's SQLite connection runs with busy_timeout 0 (data-source-options): SQLite's own busy
 * handler would sleep on the event loop while another process holds the write lock. Instead a write that
 * finds the lock taken fails at once with SQLITE_BUSY (nothing of it committed: a transaction is rolled
 * back) and is tried again here after a timer — 1 ms, doubling up to 20 ms — so the event loop keeps
 * serving while it waits, up to SQLITE_BUSY_TIMEOUT_MS in all.
 */
async function retryWhileLocked<T>(work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + SQLITE_BUSY_TIMEOUT_MS;
  for (let pauseMs = 1; ; pauseMs = Math.min(pauseMs * 2, 20)) {
    try {
      return await work();
    } catch (error) {
      if (!isSqliteBusy(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}

export function isSqliteBusy(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.code ?? e?.driverError?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
