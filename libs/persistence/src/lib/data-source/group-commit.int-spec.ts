import { createTestDatabase, tempSqlitePath } from '@hookrelay/testing';
import { DataSource, EntitySchema } from 'typeorm';
import { GroupCommit } from './group-commit';

const Row = new EntitySchema<{ id: number; v: string }>({ name: 'gc_row', columns: { id: { type: 'integer', primary: true }, v: { type: 'varchar', length: 20 } } });

describe.each(['sqlite', 'postgres'] as const)('GroupCommit on %s', (driver) => {
  let ds: DataSource;
  let transactions = 0;

  beforeAll(async () => {
    ds = driver === 'sqlite'
      ? new DataSource({ type: 'better-sqlite3', database: tempSqlitePath(), entities: [Row], synchronize: true, enableWAL: true })
      : new DataSource({ type: 'postgres', url: await createTestDatabase('group_commit'), entities: [Row], synchronize: true });
    await ds.initialize();
    const original = ds.transaction.bind(ds) as (work: never) => Promise<unknown>;
    (ds as unknown as { transaction: (work: never) => Promise<unknown> }).transaction = (work: never) => {
      transactions++;
      return original(work);
    };
  });

  afterAll(async () => {
    await ds.destroy();
  });

  it('commits concurrent writes together and answers each caller', async () => {
    const group = new GroupCommit(ds, async (manager, id: number) => {
      await manager.insert(Row, { id, v: `v${id}` });
      return id * 2;
    });
    transactions = 0;
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => group.submit(i)));
    expect(results).toEqual(Array.from({ length: 100 }, (_, i) => i * 2));
    expect(await ds.getRepository(Row).count()).toBe(100);
    expect(transactions).toBeLessThanOrEqual(3);
  });

  it('fails every write of a failed batch, commits none of them, and keeps working', async () => {
    const group = new GroupCommit(ds, async (manager, id: number) => {
      await manager.insert(Row, { id, v: 'x' });
      return id;
    });
    const outcomes = await Promise.allSettled([group.submit(1000), group.submit(1) /* duplicate key */, group.submit(1001)]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await ds.getRepository(Row).findOneBy({ id: 1000 })).toBeNull();
    expect(await group.submit(1002)).toBe(1002);
  });
});
