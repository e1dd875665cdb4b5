import { runSchemaMigrations } from '@hookrelay/persistence';
import { createTestDatabase, tempSqlitePath } from '@hookrelay/testing';
import { DeliveryStore, NewDeliveryRow } from '../core/ports/delivery-store.port';
import { attemptRecord, newRow } from '../../testing/store-contract/delivery-store-contract.fixtures';
import { PgDeliveryStore } from './postgres/pg-delivery.store';
import { SqliteDeliveryStore } from './sqlite/sqlite-delivery.store';

/**
 * The write budget of the stores, measured in the same run as the tests: 10 000 deliveries accepted by
 * concurrent callers (10 rows per call, as a fan-out request would), then one record() each. The floors
 * are far below what a laptop does; the printed numbers are the reference.
 */
const ROWS = 10_000;
const ROWS_PER_ACCEPT = 10;
const ACCEPT_CALLERS = 100;
const RECORD_CALLERS = 200;

async function concurrently<T>(items: readonly T[], callers: number, work: (item: T) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: callers }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
  return (performance.now() - started) / 1000;
}

async function measure(store: DeliveryStore): Promise<{ acceptRowsPerS: number; recordsPerS: number }> {
  const rows = Array.from({ length: ROWS }, () => newRow({ payload: JSON.stringify({ data: 'x'.repeat(400) }) }));
  const requests: NewDeliveryRow[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_ACCEPT) requests.push(rows.slice(i, i + ROWS_PER_ACCEPT));
  const acceptS = await concurrently(requests, ACCEPT_CALLERS, (batch) => store.accept(batch));
  const recordS = await concurrently(rows, RECORD_CALLERS, async (row) => expect(await store.record(attemptRecord(row, 0))).toBe(true));
  return { acceptRowsPerS: Math.round(ROWS / acceptS), recordsPerS: Math.round(ROWS / recordS) };
}

describe('delivery store write throughput', () => {
  const report: string[] = [];
  afterAll(() => {
    process.stdout.write(`\nDeliveryStore throughput (${ROWS} rows, ${ACCEPT_CALLERS} accept callers x ${ROWS_PER_ACCEPT} rows, ${RECORD_CALLERS} record callers)\n${report.join('\n')}\n`);
  });

  it.each([['sqlite', 'FULL'], ['sqlite', 'NORMAL'], ['postgres', '-']] as const)('%s (synchronous %s)', async (driver, synchronous) => {
    let store: DeliveryStore;
    if (driver === 'sqlite') {
      const path = tempSqlitePath('throughput.sqlite');
      await runSchemaMigrations({ driver, path }, 'delivery');
      store = new SqliteDeliveryStore({ path, synchronous: synchronous === 'NORMAL' ? 'NORMAL' : 'FULL' });
    } else {
      const url = await createTestDatabase('delivery_throughput');
      await runSchemaMigrations({ driver, url }, 'delivery');
      store = new PgDeliveryStore({ url });
    }
    try {
      const result = await measure(store);
      report.push(`  ${driver.padEnd(8)} ${synchronous.padEnd(6)} accept ${String(result.acceptRowsPerS).padStart(7)} rows/s   record ${String(result.recordsPerS).padStart(7)} records/s`);
      expect(result.acceptRowsPerS).toBeGreaterThan(1_000);
      expect(result.recordsPerS).toBeGreaterThan(500);
    } finally {
      await store.close();
    }
  });
});
