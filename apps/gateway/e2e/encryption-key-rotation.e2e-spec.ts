import { createTestDatabase, HttpReceiver, PlatformHandle, runCli, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { call } from './api-client';

const KEY = 'e2e-rotation-admin-key-0001';
const OLD = randomBytes(32).toString('base64');
const NEW = randomBytes(32).toString('base64');
const MAILBOX = randomUUID();

describe.each(['sqlite', 'postgres'] as const)('encryption key rotation on a running platform (%s)', (driver) => {
  let platform: PlatformHandle;
  let receiver: HttpReceiver;
  const secrets = { webhook: '', callback: '', point: '' };
  let pointId = '';

  beforeAll(async () => {
    const database = driver === 'sqlite' ? { sqlitePath: tempSqlitePath() } : { postgresUrl: await createTestDatabase('rotation') };
    platform = await startPlatform({ natsUrl: testNatsUrl(), database, apiKeys: `rotation:${KEY}`, env: { DELIVERY_ALLOW_CIDRS: '127.0.0.0/8', HOOKRELAY_ENCRYPTION_KEY: OLD } });
    receiver = await startReceiver();
    // Sealed with the single key: signing secrets, a Basic-auth password, remote tokens, delivery credentials.
    const webhook = await call<{ data: { signing_secret: string } }>(platform.baseUrl, 'PUT', '/application/31/webhook', { auth: KEY, body: { url: receiver.url('/conpeek'), retry_enabled: 0 } });
    secrets.webhook = webhook.json.data.signing_secret;
    const callback = await call<{ signingSecret: string }>(platform.baseUrl, 'POST', '/api/v1/envelope/callback/add', {
      auth: `Bearer ${KEY}`, headers: { mailbox: MAILBOX },
      body: { filter: { status: ['completed'] }, url: receiver.url('/docstudio'), retries: 0, timeout: 5000, login: 'docs', password: 'rotation-pass' },
    });
    secrets.callback = callback.json.signingSecret;
    const point = await call<{ id: string; signing_secret: string }>(platform.baseUrl, 'POST', '/rest/v1/service/integration_points', {
      auth: KEY, body: { code: 'ROT', type: 'public', url: receiver.url('/incoplax'), token_remote: 'remote-token-1', token_remote2: 'remote-token-2' },
    });
    pointId = point.json.id;
    secrets.point = point.json.signing_secret;
    expect([webhook.status, callback.status, point.status]).toEqual([200, 201, 200]);
  }, 120_000);

  afterAll(async () => {
    await receiver?.close();
    await platform?.stop();
  });

  /** Everything that needs a sealed value: signed and authorised deliveries, stored tokens and secrets read back. */
  async function expectEverySecretWorks(): Promise<void> {
    receiver.clear();
    const event = await call(platform.baseUrl, 'POST', '/application/31/events', { auth: KEY, body: { event_name: 'rotated', event_type: 't', data: {} } });
    const envelope = await call(platform.baseUrl, 'POST', '/api/v1/envelope/events', {
      auth: `Bearer ${KEY}`, headers: { mailbox: MAILBOX },
      body: {
        uuid: randomUUID(), label: [], status: 'COMPLETED', subject: 's', receiveDate: Date.now(), expireDate: null,
        template: randomUUID(), sender: randomUUID(), scope: 'inbox',
      },
    });
    expect([event.status, envelope.status]).toEqual([202, 202]);
    const requests = await receiver.waitForRequests(2, 15_000);
    const conpeek = requests.find((r) => r.url === '/conpeek')!;
    const docstudio = requests.find((r) => r.url === '/docstudio')!;
    expect(new Webhook(secrets.webhook).verify(conpeek.body, conpeek.headers as Record<string, string>)).toMatchObject({ event_name: 'rotated' });
    expect(docstudio.headers.authorization).toBe(`Basic ${Buffer.from('docs:rotation-pass').toString('base64')}`);
    expect(new Webhook(secrets.callback).verify(docstudio.body, docstudio.headers as Record<string, string>)).toMatchObject({ mailbox: MAILBOX });

    const point = await call<Record<string, unknown>>(platform.baseUrl, 'GET', `/rest/v1/service/integration_points/${pointId}`, { auth: KEY });
    expect(point.json).toMatchObject({ token_remote: 'remote-token-1', token_remote2: expect.stringMatching(/^remote-token-2/) });
    expect((await call(platform.baseUrl, 'GET', `/rest/v1/service/integration_points/${pointId}/secret`, { auth: KEY })).json).toEqual({ signing_secret: secrets.point });
    expect((await call<{ data: { signing_secret: string } }>(platform.baseUrl, 'GET', '/application/31/webhook/secret', { auth: KEY })).json.data.signing_secret).toBe(secrets.webhook);
  }

  it('adds a new key, re-seals everything with `hookrelay rekey`, then runs with the new key alone', async () => {
    await expectEverySecretWorks();

    // Step 1: every replica gets the keyring, the new key first (it seals), the old one after (it only opens).
    await platform.restart({ HOOKRELAY_ENCRYPTION_KEY: '', HOOKRELAY_ENCRYPTION_KEYS: `2026-new:${NEW},default:${OLD}` });
    await expectEverySecretWorks();
    const patched = await call(platform.baseUrl, 'PATCH', `/rest/v1/service/integration_points/${pointId}`, { auth: KEY, body: { token_remote2: 'remote-token-2b' } });
    expect(patched.status).toBe(200);

    // Step 2: re-seal what the old key sealed, a few rows per transaction, while the platform runs.
    const rekey = await runCli(platform.env, ['rekey', '--batch-size', '2']);
    expect(rekey.stderr).toMatch(/re-sealing with encryption key "2026-new", 2 rows per transaction/);
    expect(rekey.code).toBe(0);
    const lines = rekey.stdout.trim().split('\n');
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^envelope_callbacks\.password_sealed: 1 re-sealed, 0 changed meanwhile, 0 unreadable, 0 left under other keys$/),
      expect.stringMatching(/^integration_points\.token_remote_sealed: 1 re-sealed, .* 0 left under other keys$/),
      // token_remote2 was sealed again by the PATCH, with the new key: nothing to do.
      expect.stringMatching(/^integration_points\.token_remote2_sealed: 0 re-sealed, .* 0 left under other keys$/),
      expect.stringMatching(/^delivery_targets\.secrets_sealed: 3 re-sealed, .* 0 left under other keys$/),
    ]));
    expect(lines.every((line) => line.endsWith(', 0 unreadable, 0 left under other keys'))).toBe(true);
    const again = await runCli(platform.env, ['rekey']);
    expect(again.code).toBe(0);
    expect(again.stdout.trim().split('\n').every((line) => / 0 re-sealed, 0 changed meanwhile, 0 unreadable, 0 left/.test(line))).toBe(true);

    // Step 3: the old key is gone.
    await platform.restart({ HOOKRELAY_ENCRYPTION_KEYS: `2026-new:${NEW}` });
    await expectEverySecretWorks();
  }, 240_000);
});
