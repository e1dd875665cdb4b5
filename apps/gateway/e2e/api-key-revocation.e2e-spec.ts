import { createTestDatabase, getFreePort, PlatformHandle, runCli, startPlatform, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { call, pollUntil } from './api-client';

const KEY = 'e2e-revoke-admin-key-00001';
const BY_VALUE = 'e2e-revoke-other-key-00002';
const SPARE = 'e2e-revoke-spare-key-00003';
const RUN_APP = join(__dirname, '../../../tools/scripts/run-app.js');

/** One route of each API, and its 401 body. */
const APIS = [
  ['Incoplax', 'GET', '/rest/v1/service/integration_points', { error_code: 1401, error_message: 'invalid API key' }],
  ['Conpeek', 'GET', '/application/9/webhook', { success: false, error: { code: 401, message: 'invalid API key' } }],
  ['DocStudio', 'GET', '/api/v1/envelope/callback/list', { code: 401, message: 'invalid API key' }],
] as const;

describe.each(['sqlite', 'postgres'] as const)('API key revocation on %s', (driver) => {
  let platform: PlatformHandle;
  const statuses = (key: string): Promise<number[]> =>
    Promise.all(APIS.map(([, method, path]) => call(platform.baseUrl, method, path, { auth: key, headers: { mailbox: '00000000-0000-4000-8000-000000000001' } }).then((r) => r.status)));

  beforeAll(async () => {
    const database = driver === 'sqlite' ? { sqlitePath: tempSqlitePath() } : { postgresUrl: await createTestDatabase('revoke') };
    platform = await startPlatform({ natsUrl: testNatsUrl(), database, apiKeys: `revoke:${KEY},revoke:${BY_VALUE}:read,revoke:${SPARE}` });
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('revokes a key by the id key:list shows: 401 in every API within the key cache TTL, and still after a restart that lists it again', async () => {
    expect(await statuses(KEY)).not.toContain(401);
    const listed = await runCli(platform.env, ['key:list', 'revoke']);
    expect(listed).toMatchObject({ code: 0 });
    const lines = listed.stdout.trim().split('\n').map((line) => line.split('\t'));
    expect(lines[0]).toEqual(['ID', 'ROLE', 'CREATED', 'REVOKED', 'SHA256', 'LABEL']);
    expect(listed.stdout).not.toContain(createHash('sha256').update(KEY).digest('hex'));
    const fingerprint = createHash('sha256').update(KEY).digest('hex').slice(0, 12);
    const row = lines.find((cells) => cells[4] === `${fingerprint}…`)!;
    expect(row).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/), 'admin', expect.any(String), '-', `${fingerprint}…`, 'HOOKRELAY_API_KEYS:revoke']);

    const revokedAt = Date.now();
    const revoked = await runCli(platform.env, ['key:revoke', row[0]!.slice(0, 8)]);
    expect(revoked.code).toBe(0);
    expect(revoked.stderr).toMatch(/revoked admin key .* of tenant "revoke": every gateway refuses it within 5 s/);
    expect(revoked.stderr).toMatch(/it came from HOOKRELAY_API_KEYS/);
    await pollUntil('the revoked key to be refused', () => statuses(KEY), (s) => s.every((status) => status === 401), 10_000);
    // API_KEY_CACHE_TTL_MS is 5 s; the rest is margin for a loaded machine.
    expect(Date.now() - revokedAt).toBeLessThan(8_000);
    for (const [, method, path, body] of APIS) {
      expect((await call(platform.baseUrl, method, path, { auth: `Bearer ${KEY}`, headers: { mailbox: '00000000-0000-4000-8000-000000000001' } })).json).toEqual(body);
    }
    expect(await statuses(SPARE)).not.toContain(401);

    // The key is still in HOOKRELAY_API_KEYS: the boot-time provisioning must not bring it back.
    await platform.restart();
    expect(await statuses(KEY)).toEqual([401, 401, 401]);
    expect(platform.logs()).toMatch(/HOOKRELAY_API_KEYS entry 1 \(tenant \\?"revoke\\?"\) is a revoked key: it stays refused/);
    expect(await statuses(SPARE)).not.toContain(401);
    const after = await runCli(platform.env, ['key:list', 'revoke']);
    expect(after.stdout.split('\n').find((line) => line.startsWith(row[0]!))).toMatch(/\tadmin\t\S+\t\d{4}-\d\d-\d\dT[^\t]+Z\t/);
  }, 120_000);

  it('revokes a key given on stdin, which stays revoked once removed from HOOKRELAY_API_KEYS; a second revoke says so', async () => {
    expect(await statuses(BY_VALUE)).not.toContain(401);
    const revoked = await runCli(platform.env, ['key:revoke', '-'], `${BY_VALUE}\n`);
    expect(revoked.code).toBe(0);
    expect(revoked.stderr).toMatch(/revoked read key/);
    await pollUntil('the revoked key to be refused', () => statuses(BY_VALUE), (s) => s.every((status) => status === 401), 10_000);
    expect((await runCli(platform.env, ['key:revoke', '-'], BY_VALUE)).stderr).toMatch(/was revoked already/);

    await platform.restart({ HOOKRELAY_API_KEYS: `revoke:${SPARE}` });
    expect(await statuses(BY_VALUE)).toEqual([401, 401, 401]);
    expect(await statuses(SPARE)).not.toContain(401);
  }, 120_000);

  it.each([
    [['key:revoke', 'not-a-key-at-all'], 1, /no API key matches/],
    [['key:revoke'], 2, /key:revoke takes one key id/],
    [['key:list', 'nobody'], 1, /no tenant named "nobody"/],
  ])('refuses %j clearly', async (args, code, message) => {
    const result = await runCli(platform.env, args);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
  });
});

describe('placeholder API keys', () => {
  it('stop the gateway at boot with a message naming HOOKRELAY_API_KEYS (the k8s template as shipped)', async () => {
    const env = {
      ...process.env, NATS_URL: testNatsUrl(), SQLITE_PATH: tempSqlitePath(), PORT: String(await getFreePort()), HOST: '127.0.0.1',
      HOOKRELAY_ENCRYPTION_KEY: 'q5m0cYk3U0mTz8gQkWcVbq1sXg6Yv1Nn7aG2y9v0D9c=', HOOKRELAY_API_KEYS: 'acme:REPLACE-with-a-long-random-key',
    };
    const child = spawn(process.execPath, [RUN_APP, 'gateway'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('close', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    expect(code).toBe(1);
    expect(output).toMatch(/gateway failed to start: Invalid configuration:\n {2}- HOOKRELAY_API_KEYS \(set, value hidden\): entry 1 \(tenant "acme"\): the key is a placeholder/);
    expect(output).not.toContain('REPLACE-with-a-long-random-key');
  }, 60_000);
});
