import { PlatformHandle, startPlatform, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { call, pollUntil } from './api-client';

const KEY = 'e2e-logging-admin-key-0001';

interface LogLine {
  level: string;
  service: string;
  msg?: string;
  requestId?: string;
  subject?: string;
}

/** The apps' output as parsed JSON lines (the launcher prefixes each line with "[app:pid] "). */
function jsonLines(platform: PlatformHandle): LogLine[] {
  return platform.logs().split('\n').map((line) => line.slice(line.indexOf('] ') + 2)).filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as LogLine);
}

describe('structured logs', () => {
  let platform: PlatformHandle;

  beforeAll(async () => {
    // Services log a successful request at debug level (the gateway's access line is at info).
    platform = await startPlatform({ natsUrl: testNatsUrl(), database: { sqlitePath: tempSqlitePath() }, apiKeys: `logging:${KEY}`, env: { LOG_LEVEL: 'debug' } });
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('are JSON, one object per line, from every app', () => {
    const services = new Set(jsonLines(platform).map((l) => l.service));
    expect([...services].sort()).toEqual(['callbacks', 'gateway', 'integration-points', 'webhooks']);
  });

  it("carry the request's correlation id in the gateway's and the service's lines", async () => {
    const res = await call(platform.baseUrl, 'POST', '/rest/v1/service/integration_points', {
      auth: KEY, headers: { 'x-request-id': 'corr-e2e-0042' }, body: { code: 'LOGGED', type: 'public', token_remote: 'very-secret-remote-token' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('corr-e2e-0042');
    const isOurs = (l: LogLine): boolean => l.requestId === 'corr-e2e-0042';
    // The gateway writes its access line when the response has finished, possibly after the service's.
    const lines = await pollUntil('both lines', async () => jsonLines(platform).filter(isOurs), (ours) => new Set(ours.map((l) => l.service)).size === 2)
      .catch(() => jsonLines(platform).filter(isOurs));
    expect(lines.map((l) => l.service)).toEqual(expect.arrayContaining(['gateway', 'integration-points']));
    expect(lines.find((l) => l.service === 'integration-points')).toMatchObject({ msg: 'handled', subject: 'integration-points.integration-point.create.v1' });
    expect(lines.find((l) => l.service === 'gateway')).toMatchObject({ msg: 'request' });
  });

  it('give a request without an id a new one, and never log keys or secrets', async () => {
    const created = await call(platform.baseUrl, 'POST', '/rest/v1/service/integration_points', {
      auth: KEY, headers: { 'x-request-id': 'corr-e2e-secret' }, body: { code: 'SECRET', type: 'public', token_remote: 'another-secret-remote-token' },
    });
    expect(created.status).toBe(200);
    const res = await call(platform.baseUrl, 'GET', '/rest/v1/service/integration_points', { auth: KEY, headers: { 'x-request-id': 'bad id with spaces' } });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // Both requests were logged by now (the service's lines too), so their absence below is not a race.
    await pollUntil('the create to be logged', async () => jsonLines(platform), (lines) => lines.some((l) => l.requestId === 'corr-e2e-secret' && l.service === 'integration-points'));
    const output = platform.logs();
    expect(output).not.toContain(KEY);
    expect(output).not.toContain('another-secret-remote-token');
    expect(output).not.toContain(platform.env.HOOKRELAY_ENCRYPTION_KEY!);
  });
});
