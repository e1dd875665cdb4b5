import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { connect } from 'nats';
import { Client } from 'pg';
import { createTestDatabase } from './test-database.util';
import { TEST_ENV, testNatsUrl, testPostgresUrl } from './test-env';
import { tempSqlitePath } from './temp-sqlite-path.util';

describe('global test infrastructure', () => {
  it('hands the tests a nats-server with JetStream', async () => {
    expect(process.env[TEST_ENV.natsUrl]).toMatch(/^nats:\/\/127\.0\.0\.1:\d+$/);
    const nc = await connect({ servers: testNatsUrl() });
    try {
      const info = await (await nc.jetstreamManager()).getAccountInfo();
      expect(info.limits).toBeDefined();
    } finally {
      await nc.close();
    }
  });

  it('creates a fresh database per createTestDatabase() call', async () => {
    expect(testPostgresUrl()).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/hookrelay$/);
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase('orders')]);
    expect(a).not.toBe(b);
    expect(b).toMatch(/\/orders_\d+_\d+_[0-9a-f]{6}$/);
    const client = new Client({ connectionString: b });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'");
      expect(rows[0]?.n).toBe('0');
    } finally {
      await client.end();
    }
  });

  it('gives a fresh SQLite path under the temp dir each time', () => {
    const a = tempSqlitePath();
    const b = tempSqlitePath();
    expect(a).not.toBe(b);
    expect(a.startsWith(tmpdir())).toBe(true);
    expect(existsSync(dirname(a))).toBe(true);
    expect(existsSync(a)).toBe(false);
  });
});
