import { DatabaseEnv, databaseConfigFrom, loadConfig } from '@hookrelay/config';
import { openDataSource, SchemaName } from '@hookrelay/persistence';
import { DataSource } from 'typeorm';

/** Opens the database of DATABASE_URL / SQLITE_PATH over these schemas (migrated first), runs `work`, closes it. */
export async function withDataSource<T>(schemas: SchemaName | readonly SchemaName[], work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = await openDataSource(databaseConfigFrom(loadConfig(DatabaseEnv)), schemas);
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
