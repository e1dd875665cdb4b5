import { DataSource, EntityManager } from 'typeorm';

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
  const run = previous.then(work, work);
  chains.set(dataSource, run.catch(() => undefined));
  return run;
}

export function serializedTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return serializedWrite(dataSource, () => dataSource.transaction(work));
}
