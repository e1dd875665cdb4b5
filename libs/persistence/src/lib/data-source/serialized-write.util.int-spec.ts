import { tempSqlitePath } from '@hookrelay/testing';
import Database from 'better-sqlite3';
import { DataSource, EntitySchema } from 'typeorm';
import { serializedTransaction, serializedWrite } from './serialized-write.util';

const Row = new EntitySchema<{ id: number; v: string }>({ name: 'row', columns: { id: { type: 'integer', primary: true }, v: { type: 'text' } } });

describe('serialized writes on one SQLite connection', () => {
  let ds: DataSource;

  beforeAll(async () => {
    // timeout 0, as the app's data sources have it (data-source-options): serializedWrite does the waiting.
    ds = await new DataSource({ type: 'better-sqlite3', database: tempSqlitePath(), entities: [Row], synchronize: true, enableWAL: true, timeout: 0 }).initialize();
  });


  afterAll(async () => {
    await ds.destroy();
  });

  const slowTransaction = (id: number): Promise<void> =>
    serializedTransaction(ds, async (m) => {
      await m.insert(Row, { id, v: 'a' });
      await new Promise((r) => setTimeout(r, 5));
      await m.insert(Row, { id: id + 1000, v: 'b' });
    });

  it('runs concurrent transactions one after another instead of failing', async () => {
    await Promise.all([1, 2, 3, 4, 5].map(slowTransaction));
    expect(await ds.getRepository(Row).count()).toBe(10);
  });

  it('keeps a plain write out of a transaction that rolls back', async () => {
    const failing = serializedTransaction(ds, async (m) => {
      await m.insert(Row, { id: 50, v: 'doomed' });
      await new Promise((r) => setTimeout(r, 10));
      throw new Error('roll back');
    });
    const plain = serializedWrite(ds, () => ds.getRepository(Row).insert({ id: 60, v: 'kept' }));
    await expect(failing).rejects.toThrow('roll back');
    await plain;
    expect(await ds.getRepository(Row).findOneBy({ id: 50 })).toBeNull();
    expect(await ds.getRepository(Row).findOneBy({ id: 60 })).toEqual({ id: 60, v: 'kept' });
  });
});

describe('a write that finds another process holding the SQLite write lock', () => {
  let ds: DataSource;
  const path = tempSqlitePath();

  beforeAll(async () => {
    ds = await new DataSource({ type: 'better-sqlite3', database: path, entities: [Row], synchronize: true, enableWAL: true, timeout: 0 }).initialize();
  });

  afterAll(async () => {
    await ds.destroy();
  });

  it("waits for another process's write lock on a timer, never on the event loop", async () => {
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    const write = serializedWrite(ds, () => ds.getRepository(Row).insert({ id: 900, v: 'after the lock' }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    other.exec('COMMIT');
    other.close();
    await write;
    clearInterval(ticker);
    // ~60 ticks of 5 ms in 300 ms: the loop kept running while the write waited.
    expect(ticks).toBeGreaterThan(30);
    expect(await ds.getRepository(Row).findOneBy({ id: 900 })).toEqual({ id: 900, v: 'after the lock' });
  });
});
