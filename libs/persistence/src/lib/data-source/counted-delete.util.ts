import { DataSource } from 'typeorm';
import { serializedWrite } from './serialized-write.util';

/**
 * Runs one batch DELETE (retention's "at most N rows older than T") through the serialized writer and resolves
 * how many rows it deleted. `sql` gets the driver's placeholder for the n-th parameter (`?` on SQLite, `$n` on
 * PostgreSQL); the structured result carries the affected row count on both drivers.
 */
export function countedDelete(dataSource: DataSource, sql: (param: (n: number) => string) => string, params: unknown[]): Promise<number> {
  const sqlite = dataSource.options.type === 'better-sqlite3';
  const text = sql((n) => (sqlite ? '?' : `$${n}`));
  return serializedWrite(dataSource, async () => {
    const runner = dataSource.createQueryRunner();
    try {
      const result = await runner.query(text, params, true);
      return Number(result.affected ?? 0);
    } finally {
      await runner.release();
    }
  });
}
