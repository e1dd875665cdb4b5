import { loadConfig } from '@hookrelay/config';
import { randomBytes } from 'node:crypto';
import { GatewayEnv } from '../config/gateway.env';

const BASE = { HOOKRELAY_ENCRYPTION_KEY: randomBytes(32).toString('base64') };

describe('ingest quota settings in GatewayEnv', () => {
  it('defaults to 5000 events/s per tenant, the burst left to the settings (twice the rate)', () => {
    const env = loadConfig(GatewayEnv, BASE);
    expect([env.INGEST_RATE_PER_SECOND, env.INGEST_BURST, env.INGEST_RATE_OVERRIDES]).toEqual([5000, undefined, undefined]);
  });

  it.each([
    [{ INGEST_RATE_PER_SECOND: '0' }, true],
    [{ INGEST_RATE_PER_SECOND: '20', INGEST_BURST: '1', INGEST_RATE_OVERRIDES: 'acme:100:300,trial:0' }, true],
    [{ INGEST_RATE_OVERRIDES: '' }, true],
    [{ INGEST_RATE_PER_SECOND: '-1' }, false],
    [{ INGEST_RATE_PER_SECOND: 'fast' }, false],
    [{ INGEST_BURST: '0' }, false],
    [{ INGEST_RATE_OVERRIDES: 'acme=100' }, false],
  ])('%j valid: %s', (values, valid) => {
    const load = (): GatewayEnv => loadConfig(GatewayEnv, { ...BASE, ...values });
    if (valid) expect(load).not.toThrow();
    else expect(load).toThrow(new RegExp(Object.keys(values)[0]!));
  });
});
