import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, DatabaseTarget } from './data-source-options';
import { SchemaName, SCHEMAS } from './schemas';
import { isSqliteBusy } from './serialized-write.util';

const MIGRATION_RETRY_DEADLINE_MS = 60_000;


/** A stable 31-bit key for pg_advisory_lock, derived from the schema's migration table name. */
function advisoryLockKey(schema: SchemaName): number {
  return createHash('sha256').update(`hookrelay:${SCHEMAS[schema].migrationsTableName}`).digest().readInt32BE(0);
}

/**
 * Runs the schema's pending migrations so that any number of replicas can start at once:
 * on PostgreSQL they queue on an advisory lock; on SQLite (one file, several processes) a migration that
 * lost the write race is retried.
 */
export async function runMigrations(dataSource: DataSource, schema: SchemaName): Promise<void> {
  if (dataSource.options.type === 'postgres') {
    const lockRunner = dataSource.createQueryRunner();
    await lockRunner.connect();
    const key = advisoryLockKey(schema);
    try {
      await lockRunner.query('SELECT pg_advisory_lock($1)', [key]);
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lockRunner.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
      await lockRunner.release();
    }
    return;
  }
  const deadline = Date.now() + MIGRATION_RETRY_DEADLINE_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      return;
    } catch (error) {
      if (!isSqliteBusy(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50 * attempt, 500)));
    }
  }
}

/** Brings one schema up to date through a short-lived data source of its own (its own migrations table). */
export async function runSchemaMigrations(db: DatabaseTarget, schema: SchemaName): Promise<void> {
  const migrator = await new DataSource(buildDataSourceOptions(db, schema, 'migrations')).initialize();
  try {
    await runMigrations(migrator, schema);
  } finally {
    await migrator.destroy();
  }
}

/** Migrates each schema, then opens one data source over all their entities. */
export async function openDataSource(db: DatabaseTarget, schemas: SchemaName | readonly SchemaName[]): Promise<DataSource> {
  const list = typeof schemas === 'string' ? [schemas] : schemas;
  for (const schema of list) await runSchemaMigrations(db, schema);
  return new DataSource(buildDataSourceOptions(db, list)).initialize();
}
