import { startPlatform, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { call } from './api-client';

const run = promisify(execFile);
const RUN_APP = join(__dirname, '../../../tools/scripts/run-app.js');

async function cli(sqlitePath: string, ...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [RUN_APP, 'cli', ...args], { env: { ...process.env, SQLITE_PATH: sqlitePath } });
}

describe('the hookrelay CLI', () => {
  it('creates a tenant and prints a key the gateway accepts; read keys may only read', async () => {
    const sqlitePath = tempSqlitePath();
    const admin = await cli(sqlitePath, 'tenant:create', 'cli-tenant');
    const adminKey = admin.stdout.trim();
    expect(adminKey).toMatch(/^hr_[A-Za-z0-9]{40}$/);
    expect(admin.stderr).toMatch(/tenant "cli-tenant" \(.+\): new admin key/);
    const readKey = (await cli(sqlitePath, 'key:create', 'cli-tenant', '--role', 'read')).stdout.trim();

    const platform = await startPlatform({ natsUrl: testNatsUrl(), database: { sqlitePath }, apiKeys: '' });
    try {
      const created = await call(platform.baseUrl, 'POST', '/rest/v1/service/integration_points', { auth: adminKey, body: { code: 'CLI', type: 'public' } });
      expect(created.status).toBe(200);
      expect((await call(platform.baseUrl, 'GET', '/rest/v1/service/integration_points', { auth: `Bearer ${readKey}` })).json).toHaveLength(1);
      expect((await call(platform.baseUrl, 'POST', '/rest/v1/service/integration_points', { auth: readKey, body: { code: 'NO', type: 'public' } })).status).toBe(403);
    } finally {
      await platform.stop();
    }
  }, 90_000);

  it('migrates every schema of an empty database', async () => {
    const sqlitePath = tempSqlitePath();
    const { stderr } = await cli(sqlitePath, 'migrate');
    // Only the CLI's own lines: Node may add environment warnings (e.g. about NO_COLOR) on stderr.
    expect(stderr.split('\n').filter((line) => line.startsWith('migrated '))).toEqual(['gateway', 'integration-points', 'webhooks', 'callbacks', 'delivery'].map((s) => `migrated ${s}`));
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(sqlitePath, { readonly: true });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
    db.close();
    expect(tables).toEqual(expect.arrayContaining(['tenants', 'integration_points', 'application_webhooks', 'envelope_callbacks', 'deliveries', 'endpoint_health']));
  });

  it.each([
    [['key:create', 'nobody'], /no tenant named "nobody"/],
    [['tenant:create'], /missing or unknown command/],
    [['tenant:create', 'bad name!'], /tenant names are/],
    [['tenant:create', 'x', '--role', 'root'], /--role must be one of admin, read/],
  ])('refuses %j with a clear message', async (args, message) => {
    const failure = await cli(tempSqlitePath(), ...args).then(() => null, (error: { stderr: string; code: number }) => error);
    expect(failure).not.toBeNull();
    expect(failure!.code).toBeGreaterThan(0);
    expect(failure!.stderr).toMatch(message);
  });
});
