import { existsSync } from 'node:fs';
import { Client } from 'pg';
import { startPostgres, type PostgresHandle } from './postgres-server.process';
import { isProcessGone } from './process-tree.util';

async function query<T extends Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe('startPostgres', () => {
  let pg: PostgresHandle;

  beforeAll(async () => {
    pg = await startPostgres();
  });

  afterAll(async () => {
    await pg?.stop();
  });

  it('serves the hookrelay database with the test-speed settings', async () => {
    expect(pg.url).toBe(`postgres://postgres@127.0.0.1:${pg.port}/hookrelay`);
    const [row] = await query<{ db: string; version: string; fsync: string }>(
      pg.url,
      "SELECT current_database() AS db, version() AS version, current_setting('fsync') AS fsync",
    );
    expect(row).toEqual({ db: 'hookrelay', version: expect.stringMatching(/^PostgreSQL \d+/), fsync: 'off' });
  });

  it('creates isolated databases', async () => {
    const url = await pg.createDatabase('isolated_one');
    expect(url).toBe(`postgres://postgres@127.0.0.1:${pg.port}/isolated_one`);
    await query(url, 'CREATE TABLE only_here (id int)');
    const inHookrelay = await query<{ n: string }>(pg.url, "SELECT count(*) AS n FROM pg_tables WHERE tablename = 'only_here'");
    expect(inHookrelay[0]?.n).toBe('0');
  });

  it('keeps rows across restart() on the same port', async () => {
    await query(pg.url, 'CREATE TABLE kept (id int PRIMARY KEY)');
    await query(pg.url, 'INSERT INTO kept SELECT generate_series(1, 100)');
    const { port } = pg;

    await pg.restart();

    expect(pg.port).toBe(port);
    expect(await query(pg.url, 'SELECT count(*)::int AS n FROM kept')).toEqual([{ n: 100 }]);
  });

  it('recovers committed rows after kill() (SIGKILL of postmaster and backends) and restart()', async () => {
    const client = new Client({ connectionString: pg.url });
    client.on('error', () => undefined); // the kill drops this connection
    await client.connect();
    await client.query('CREATE TABLE crashed (id int)');
    // With synchronous_commit=off the last commits may be lost on a crash; this one must not be.
    await client.query('SET synchronous_commit = on');
    await client.query('INSERT INTO crashed SELECT generate_series(1, 10)');
    const pid = pg.pid as number;

    await pg.kill();

    expect(pg.running).toBe(false);
    expect(isProcessGone(pid)).toBe(true);
    await expect(client.query('SELECT 1')).rejects.toThrow();
    await client.end().catch(() => undefined);
    await pg.restart();
    expect(await query(pg.url, 'SELECT count(*)::int AS n FROM crashed')).toEqual([{ n: 10 }]);
  });

  it('stop() ends the server and deletes its data dir', async () => {
    const other = await startPostgres({ database: 'other_db' });
    expect(other.url).toMatch(/\/other_db$/);
    const pid = other.pid as number;

    await other.stop();

    expect(isProcessGone(pid)).toBe(true);
    expect(existsSync(other.dataDir)).toBe(false);
  });
});
