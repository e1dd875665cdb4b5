import { runSchemaMigrations } from '@hookrelay/persistence';
import { tempSqlitePath } from '@hookrelay/testing';
import BetterSqlite3 from 'better-sqlite3';
import { attemptRecord, newRow, T0 } from '../../../testing/store-contract/delivery-store-contract.fixtures';
import { SqliteDeliveryStore } from './sqlite-delivery.store';

/** What only the SQLite store must show: several processes on one file, and an event loop that never waits. */
describe('SqliteDeliveryStore', () => {
  let path: string;
  const stores: SqliteDeliveryStore[] = [];
  const open = (): SqliteDeliveryStore => {
    const store = new SqliteDeliveryStore({ path });
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    path = tempSqlitePath('sqlite-delivery-store.sqlite');
    await runSchemaMigrations({ driver: 'sqlite', path }, 'delivery');
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  it('lets two stores on one file (two processes) write at once without errors', async () => {
    const [a, b] = [open(), open()];
    const work = (store: SqliteDeliveryStore): Array<Promise<unknown>> => Array.from({ length: 100 }, async () => {
      const rows = Array.from({ length: 5 }, () => newRow());
      await store.accept(rows);
      await Promise.all(rows.map((row) => store.record(attemptRecord(row, 0))));
    });
    await Promise.all([...work(a), ...work(b)]);
    const db = new BetterSqlite3(path, { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM deliveries WHERE version = 1').get()).toEqual({ n: 1000 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM delivery_attempts').get()).toEqual({ n: 1000 });
    } finally {
      db.close();
    }
  });

  it('keeps the event loop ticking while another connection holds the write lock', async () => {
    const store = open();
    await store.getTarget({ tenantId: '00000000-0000-4000-8000-000000000000', source: 'application_webhook', subscriptionId: 'ping' }); // the thread is up and the file open
    const other = new BetterSqlite3(path);
    other.exec('BEGIN IMMEDIATE');
    const ticks: number[] = [];
    const interval = setInterval(() => ticks.push(performance.now()), 5);
    let storedAt = 0;
    const accepted = store.accept([newRow()]).then(() => (storedAt = performance.now()));
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const releasedAt = performance.now();
    other.exec('COMMIT');
    other.close();
    await accepted;
    clearInterval(interval);
    const during = ticks.filter((t) => t >= started && t <= releasedAt);
    const gaps = during.slice(1).map((t, i) => t - during[i]!);
    expect(storedAt).toBeGreaterThanOrEqual(releasedAt); // it did wait for the lock, on its own thread
    expect(during.length).toBeGreaterThan(40);
    expect(Math.max(...gaps)).toBeLessThan(100);
  });

  it('rejects a failing operation without harming the thread', async () => {
    const store = open();
    const row = newRow();
    await store.accept([row]);
    await expect(store.accept([row])).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_CONSTRAINT/) });
    await expect(store.record({ ...attemptRecord(row, 0), attempt: { ...attemptRecord(row, 0).attempt, responseSnippet: null as unknown as string } })).rejects.toThrow(/NOT NULL/);
    expect(await store.park(row.tenantId, row.id, 0, T0)).toBe(true);
  });

  it('fails its callers, not the process, when the file cannot be opened', async () => {
    const store = new SqliteDeliveryStore({ path: '/nonexistent-dir/for-sure/x.sqlite' });
    await expect(store.getTarget({ tenantId: '00000000-0000-4000-8000-000000000000', source: 'application_webhook', subscriptionId: 'ping' })).rejects.toThrow(/SQLite writer thread/);
    await store.close();
  });

  it('settles queued operations before close() resolves, and rejects calls after it', async () => {
    const store = new SqliteDeliveryStore({ path, synchronous: 'NORMAL' });
    const pending = Array.from({ length: 20 }, () => store.accept([newRow()]));
    await store.close();
    await expect(Promise.all(pending)).resolves.toHaveLength(20);
    await expect(store.getTarget({ tenantId: '00000000-0000-4000-8000-000000000000', source: 'application_webhook', subscriptionId: 'ping' })).rejects.toThrow(/closed/);
  });
});
