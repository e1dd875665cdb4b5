import { DataSourceOptions } from 'typeorm';
import { SchemaName, SCHEMAS } from './schemas';

export type DatabaseTarget = { driver: 'sqlite'; path: string; synchronous?: 'FULL' | 'NORMAL' } | { driver: 'postgres'; url: string };

/** How long a SQLite writer waits for another process's write lock before failing (ms). */
export const SQLITE_BUSY_TIMEOUT_MS = 15_000;

/**
 * Options for one data source over the given schemas' entities. Migrations are per schema (each has its
 * own migrations table), so a data source built for several schemas carries none: `openDataSource` /
 * `PersistenceModule` run each schema's migrations first (see runSchemaMigrations).
 */
export function buildDataSourceOptions(
  db: DatabaseTarget,
  schemas: SchemaName | readonly SchemaName[],
  /** 'migrations': the short-lived boot-time data source, which may simply wait for the lock (nothing else runs yet). */
  purpose: 'runtime' | 'migrations' = 'runtime',
): DataSourceOptions {
  const list = typeof schemas === 'string' ? [schemas] : schemas;
  const entities = list.flatMap((schema) => [...SCHEMAS[schema].entities]);
  const single = list.length === 1 ? SCHEMAS[list[0] as SchemaName] : undefined;
  const common = {
    entities,
    migrations: single ? [...single.migrations] : [],
    migrationsTableName: single?.migrationsTableName,
    synchronize: false,
    migrationsRun: false,
    logging: false,
  } as const;
  if (db.driver === 'postgres') {
    return { ...common, type: 'postgres', url: db.url, extra: { max: 10, connectionTimeoutMillis: 5000 } };
  }
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.path,
    // Several processes share one file: WAL lets readers run beside the writer; busy timeout 0 because a
    // waiting writer must not sleep on the event loop — serializedWrite retries a locked write on a timer
    // instead (ADR 0007); FULL (default; SQLITE_SYNCHRONOUS) makes a commit durable against a power cut.
    enableWAL: true,
    timeout: purpose === 'migrations' ? SQLITE_BUSY_TIMEOUT_MS : 0,
    prepareDatabase: (connection: { pragma(sql: string): unknown }) => {
      connection.pragma(`synchronous = ${db.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    },
  };
}
