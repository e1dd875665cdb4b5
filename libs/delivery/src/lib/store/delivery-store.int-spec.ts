import { runSchemaMigrations } from '@hookrelay/persistence';
import { createTestDatabase, tempSqlitePath } from '@hookrelay/testing';
import { DeliveryStore } from '../core/ports/delivery-store.port';
import { describeDeliveryStoreContract } from '../../testing/store-contract/delivery-store.contract';
import { pgTestConnection, SqlTestConnection, sqliteTestConnection } from '../../testing/store-contract/delivery-store-sql-peek.util';
import { PgDeliveryStore } from './postgres/pg-delivery.store';
import { SqliteDeliveryStore } from './sqlite/sqlite-delivery.store';

type Driver = 'sqlite' | 'postgres';

/** One migrated database per driver for the whole file; the contract empties it before each test. */
const databases = new Map<Driver, { open: () => DeliveryStore; connection: SqlTestConnection }>();

async function database(driver: Driver): Promise<{ open: () => DeliveryStore; connection: SqlTestConnection }> {
  let db = databases.get(driver);
  if (!db) {
    if (driver === 'sqlite') {
      const path = tempSqlitePath('delivery-store.sqlite');
      await runSchemaMigrations({ driver: 'sqlite', path }, 'delivery');
      db = { open: () => new SqliteDeliveryStore({ path, synchronous: 'NORMAL' }), connection: sqliteTestConnection(path) };
    } else {
      const url = await createTestDatabase('delivery_store');
      await runSchemaMigrations({ driver: 'postgres', url }, 'delivery');
      db = { open: () => new PgDeliveryStore({ url, poolSize: 4 }), connection: pgTestConnection(url) };
    }
    databases.set(driver, db);
  }
  return db;
}

afterAll(async () => {
  for (const db of databases.values()) await db.connection.close();
});

describe.each(['sqlite', 'postgres'] as const)('delivery store on %s', (driver) => {
  describeDeliveryStoreContract(driver, async () => {
    const db = await database(driver);
    await db.connection.wipe();
    return { store: db.open(), peek: db.connection.peek, openAnother: async () => db.open() };
  });
});
