import { CommonEnv, loadConfig } from '@hookrelay/config';
import { deliveryOptionsFromEnv } from './delivery-module-from-env';

const KEY = 'q5m0cYk3U0mTz8gQkWcVbq1sXg6Yv1Nn7aG2y9v0D9c=';
const env = (extra: Record<string, string>): CommonEnv => loadConfig(CommonEnv, { HOOKRELAY_ENCRYPTION_KEY: KEY, ...extra });

describe('deliveryOptionsFromEnv', () => {
  it.each<[string, Record<string, string>, RegExp | null]>([
    ['the defaults', {}, null],
    ['an ack wait 5 s above the attempt cap', { DELIVERY_ACK_WAIT_MS: '65000' }, null],
    ['an ack wait below the longest attempt', { DELIVERY_ACK_WAIT_MS: '30000' }, /DELIVERY_ACK_WAIT_MS: must be at least DELIVERY_ATTEMPT_TIMEOUT_CAP_MS \+ 5000 ms \(65000\)/],
    ['a short ack wait with a lower attempt cap', { DELIVERY_ACK_WAIT_MS: '6000', DELIVERY_ATTEMPT_TIMEOUT_CAP_MS: '1000' }, null],
    ['a bad CIDR list', { DELIVERY_ALLOW_CIDRS: '10.0.0.0/99' }, /DELIVERY_ALLOW_CIDRS/],
    ['a CIDR list with spaces', { DELIVERY_ALLOW_CIDRS: '127.0.0.0/8, ::1' }, null],
    ['an allow-list of every IPv4 address', { DELIVERY_ALLOW_CIDRS: '127.0.0.0/8,0.0.0.0/0' }, /DELIVERY_ALLOW_CIDRS: "0.0.0.0\/0" is wider than \/8.*would switch the SSRF guard off/],
    ['an allow-list of every IPv6 address', { DELIVERY_ALLOW_CIDRS: '::/0' }, /DELIVERY_ALLOW_CIDRS: "::\/0" is wider than \/7/],
    ['an allow-list of every IPv4-mapped address', { DELIVERY_ALLOW_CIDRS: '::ffff:0:0/96' }, /DELIVERY_ALLOW_CIDRS: .*embeds every IPv4 address/],
    ['an allow-list of half the IPv4 space', { DELIVERY_ALLOW_CIDRS: '0.0.0.0/1' }, /DELIVERY_ALLOW_CIDRS/],
    ['public URLs', { HOOKRELAY_PUBLIC_URLS: 'https://hookrelay.example.com, http://10.0.0.5:3000' }, null],
    ['a public URL without a scheme', { HOOKRELAY_PUBLIC_URLS: 'hookrelay.example.com' }, /HOOKRELAY_PUBLIC_URLS: item 1 "hookrelay.example.com" is not an absolute URL/],
    ['a bad retry schedule', { CALLBACK_RETRY_SCHEDULE: 'list:' }, /CALLBACK_RETRY_SCHEDULE/],
  ])('%s', (_name, extra, error) => {
    if (error) expect(() => deliveryOptionsFromEnv(env(extra))).toThrow(error);
    else expect(() => deliveryOptionsFromEnv(env(extra))).not.toThrow();
  });

  it('hands the allow-list and this platform\'s own origins to the engine', () => {
    const options = deliveryOptionsFromEnv(env({ DELIVERY_ALLOW_CIDRS: ' 127.0.0.0/8 , ::1 ', HOOKRELAY_PUBLIC_URLS: 'https://Hookrelay.example.com/base' }));
    expect(options).toMatchObject({ allowCidrs: ['127.0.0.0/8', '::1/128'], publicUrls: ['https://hookrelay.example.com'] });
  });

  it('gives the engine its lanes, caps and lease from the settings', () => {
    const options = deliveryOptionsFromEnv(env({ DELIVERY_CONCURRENCY: '100', DELIVERY_RETRY_CONCURRENCY: '20', DELIVERY_ACK_WAIT_MS: '70000' }));
    expect(options).toMatchObject({ freshConcurrency: 100, retryConcurrency: 20, ackWaitMs: 70_000, runWorker: true, httpClient: 'undici' });
    expect(options.engine).toMatchObject({ slots: 120, leaseMs: 140_000, maxHoldPerEndpoint: 50, perEndpoint: 64, perTenant: 192 });
  });

  it.each<[string, Record<string, string>, number]>([
    ['2 s by default', {}, 2_000],
    ['DELIVERY_STATS_FLUSH_MS', { DELIVERY_STATS_FLUSH_MS: '250' }, 250],
  ])('delivery stats flush interval: %s', (_name, extra, statsFlushMs) => {
    expect(deliveryOptionsFromEnv(env(extra)).statsFlushMs).toBe(statsFlushMs);
  });

  it.each<[string, Record<string, string>, number]>([
    ['30 days by default', {}, 30 * 86_400_000],
    ['RETENTION_DAYS', { RETENTION_DAYS: '7' }, 7 * 86_400_000],
    ['0 days: keep forever', { RETENTION_DAYS: '0' }, 0],
    ['RETENTION_SECONDS overriding the days', { RETENTION_DAYS: '7', RETENTION_SECONDS: '5' }, 5_000],
  ])('retention horizon: %s', (_name, extra, horizonMs) => {
    expect(deliveryOptionsFromEnv(env(extra)).retention).toMatchObject({ horizonMs, batchSize: 500, pauseMs: 200, intervalMs: 600_000 });
  });

  it.each([
    ['RETENTION_DAYS', '-1'], ['RETENTION_DAYS', 'thirty'], ['RETENTION_SECONDS', '0'], ['RETENTION_BATCH_SIZE', '0'],
    ['RETENTION_BATCH_SIZE', '100000'], ['RETENTION_BATCH_PAUSE_MS', '-5'], ['RETENTION_INTERVAL_MS', '10'],
    ['DELIVERY_STATS_FLUSH_MS', '10'], ['DELIVERY_STATS_FLUSH_MS', '600000'], ['DELIVERY_STATS_FLUSH_MS', 'often'],
  ])('refuses %s=%s at boot, naming it', (name, value) => {
    expect(() => env({ [name]: value })).toThrow(new RegExp(name));
  });
});
