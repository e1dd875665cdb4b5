import { HEALTH_CHECK_V1, HealthCheckReply } from '@hookrelay/contracts';
import { nestNatsRequest, PlatformHandle, startPlatform, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { connect, NatsConnection } from 'nats';
import { call } from './api-client';

const KEY = 'e2e-replicas-admin-key-01';

function askHealth(nc: NatsConnection): Promise<HealthCheckReply> {
  return nestNatsRequest<HealthCheckReply>(nc, HEALTH_CHECK_V1.integrationPoints, {});
}

describe('two replicas of one service on one SQLite file', () => {
  let platform: PlatformHandle;
  let nc: NatsConnection;

  beforeAll(async () => {
    platform = await startPlatform({ natsUrl: testNatsUrl(), database: { sqlitePath: tempSqlitePath() }, apiKeys: `replicas:${KEY}`, replicas: { 'integration-points': 2 } });
    nc = await connect({ servers: testNatsUrl() });
  }, 120_000);

  afterAll(async () => {
    await nc?.close();
    await platform?.stop();
  });

  it('spreads requests over both replicas (one queue group)', async () => {
    const replicas = platform.apps('integration-points');
    expect(replicas).toHaveLength(2);
    const answeredBy = new Set<string>();
    for (let i = 0; i < 40 && answeredBy.size < 2; i++) answeredBy.add((await askHealth(nc)).instanceId);
    expect(answeredBy.size).toBe(2);
    const pids = replicas.map((r) => String(r.process.pid));
    for (const instance of answeredBy) expect(pids.some((pid) => instance.includes(`-${pid}-`))).toBe(true);
  });

  it('serves 60 concurrent writes through the gateway with both replicas writing one SQLite file (no "database is locked")', async () => {
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => call<{ id: string }>(platform.baseUrl, 'POST', '/rest/v1/service/integration_points', { auth: KEY, body: { code: `R${i}`, type: 'public' } })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(60).fill(200));
    const listed = await call<unknown[]>(platform.baseUrl, 'GET', '/rest/v1/service/integration_points?limit=1000', { auth: KEY });
    expect(listed.json).toHaveLength(60);
  });

  it('keeps serving when one replica stops, and answers 503 in the API shape when none is left', async () => {
    const [first, second] = platform.apps('integration-points');
    await platform.stopApp(first!, 'SIGKILL');
    for (let i = 0; i < 10; i++) {
      expect((await call(platform.baseUrl, 'GET', '/rest/v1/service/integration_points', { auth: KEY })).status).toBe(200);
    }
    await platform.stopApp(second!, 'SIGTERM');
    expect(second!.process.describeExit()).toBe('exited with code 0');
    const down = await call(platform.baseUrl, 'GET', '/rest/v1/service/integration_points', { auth: KEY });
    expect(down.status).toBe(503);
    expect(down.json).toEqual({ error_code: 1503, error_message: 'the integration-points service is not running' });
    expect((await call(platform.baseUrl, 'GET', '/health/ready')).status).toBe(503);
  }, 60_000);
});
