import type { DatabaseTarget } from '@hookrelay/persistence';
import type { DeliveryStore } from '../core/ports/delivery-store.port';
import { PgDeliveryStore } from '../store/postgres/pg-delivery.store';
import { SqliteDeliveryStore } from '../store/sqlite/sqlite-delivery.store';

/** The engine's store for the configured database: raw statements beside TypeORM, which keeps the rest. */
export function createDeliveryStore(database: DatabaseTarget, poolSize: number): DeliveryStore {
  return database.driver === 'postgres'
    ? new PgDeliveryStore({ url: database.url, poolSize })
    : new SqliteDeliveryStore({ path: database.path, synchronous: database.synchronous ?? 'FULL' });
}
