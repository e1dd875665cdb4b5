import { DataSourceOptions } from 'typeorm';
import { SchemaName, SCHEMAS } from './schemas';

export type DatabaseTarget = { driver: 'sqlite'; path: string } | { driver: 'postgres'; url: string };

/** How long a SQLite writer waits for another process's write lock before failing (ms). */
export const SQLITE_BUSY_TIMEOUT_MS = 15_000;

export function buildDataSourceOptions(db: DatabaseTarget, schema: SchemaName): DataSourceOptions {
  const { entities, migrations, migrationsTableName } = SCHEMAS[schema];
  const common = { entities, migrations, migrationsTableName, synchronize: false, migrationsRun: false, logging: false } as const;
  if (db.driver === 'postgres') {
    return { ...common, type: 'postgres', url: db.url, extra: { max: 10, connectionTimeoutMillis: 5000 } };
  }
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.path,
    // Several processes share one file: WAL lets readers run beside the writer, the busy timeout makes a
    // writer wait for the lock instead of failing with "database is locked", FULL makes a commit durable.
    enableWAL: true,
    timeout: SQLITE_BUSY_TIMEOUT_MS,
    prepareDatabase: (connection: { pragma(sql: string): unknown }) => {
      connection.pragma('synchronous = FULL');
    },
  };
}
