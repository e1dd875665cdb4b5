import { IsInt, Max, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { CommonEnv, toInt } from './common.env';
import { ConfigError, loadConfig } from './load-config.util';
import { databaseConfigFrom } from './database-config';

const KEY = 'q5m0cYk3U0mTz8gQkWcVbq1sXg6Yv1Nn7aG2y9v0D9c=';

class AppEnv extends CommonEnv {
  @Transform(toInt) @IsInt() @Min(1) @Max(65535) PORT = 3000;
}

describe('loadConfig', () => {
  it('applies defaults and converts numbers', () => {
    const env = loadConfig(AppEnv, { HOOKRELAY_ENCRYPTION_KEY: KEY, PORT: '8080' });
    expect(env).toMatchObject({ PORT: 8080, NATS_URL: 'nats://127.0.0.1:4222', SQLITE_PATH: './data/hookrelay.sqlite', NATS_REQUEST_TIMEOUT_MS: 10000, NATS_STREAM_REPLICAS: 1 });
    expect(loadConfig(AppEnv, { HOOKRELAY_ENCRYPTION_KEY: KEY, NATS_STREAM_REPLICAS: '3' }).NATS_STREAM_REPLICAS).toBe(3);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT \("eighty"\): .*PORT must be an integer number/],
    [{ PORT: '70000' }, /PORT \("70000"\)/],
    [{ NATS_URL: 'http://x:4222' }, /NATS_URL .*must be nats:\/\/host:port/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL \(set, value hidden\): must be a postgres:\/\/ URL/],
    [{ HOOKRELAY_ENCRYPTION_KEY: 'short' }, /HOOKRELAY_ENCRYPTION_KEY \(set, value hidden\): must decode to exactly 32 bytes/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL \("loud"\)/],
    [{ NATS_REQUEST_TIMEOUT_MS: '5' }, /NATS_REQUEST_TIMEOUT_MS \("5"\)/],
    [{ NATS_STREAM_REPLICAS: '0' }, /NATS_STREAM_REPLICAS \("0"\)/],
    [{ NATS_STREAM_REPLICAS: '6' }, /NATS_STREAM_REPLICAS \("6"\)/],
    [{ NATS_STREAM_REPLICAS: 'three' }, /NATS_STREAM_REPLICAS \("three"\)/],
    [{ SQLITE_SYNCHRONOUS: 'OFF' }, /SQLITE_SYNCHRONOUS \("OFF"\)/],
    [{ DELIVERY_WORKER: 'yes' }, /DELIVERY_WORKER \("yes"\)/],
    [{ DELIVERY_SEND_TRACEPARENT: 'yes' }, /DELIVERY_SEND_TRACEPARENT \("yes"\)/],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, /OTEL_EXPORTER_OTLP_ENDPOINT \("collector:4318"\): must be an http\(s\):\/\/ URL/],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'grpc://c:4317' }, /OTEL_EXPORTER_OTLP_TRACES_ENDPOINT \("grpc:\/\/c:4317"\): must be an http\(s\):\/\/ URL/],
    [{ OTEL_SDK_DISABLED: 'yes' }, /OTEL_SDK_DISABLED \("yes"\): must be true or false/],
    [{ DELIVERY_ALLOW_CIDRS: 'everything' }, /DELIVERY_ALLOW_CIDRS \("everything"\): must be comma-separated CIDR ranges/],
    [{ NATS_USER: 'gateway' }, /NATS_PASSWORD \(unset\): must be set with NATS_USER/],
    [{ NATS_PASSWORD: 'aLongEnoughPassword' }, /NATS_USER \(unset\): must be the app's nats-server user name/],
    [{ NATS_USER: 'gateway', NATS_PASSWORD: '6c0ffee6c0ffee6c0ffee' }, /NATS_PASSWORD \(set, value hidden\): .*starting with a letter/],
    [{ NATS_USER: 'gateway', NATS_PASSWORD: 'with-a-dash-0123456789' }, /NATS_PASSWORD \(set, value hidden\)/],
    [{ NATS_USER: 'gateway', NATS_PASSWORD: 'short' }, /NATS_PASSWORD \(set, value hidden\)/],
    [{ NATS_USER: 'gateway', NATS_PASSWORD: 'REPLACEwithOpensslRandHex24' }, /NATS_PASSWORD \(set, value hidden\): .*not a placeholder/],
    [{ NATS_USER: 'no spaces', NATS_PASSWORD: 'aLongEnoughPassword' }, /NATS_USER \("no spaces"\)/],
  ])('names the bad variable: %j', (override, message) => {
    const run = (): unknown => loadConfig(AppEnv, { HOOKRELAY_ENCRYPTION_KEY: KEY, ...override });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(message);
  });

  it('takes NATS credentials together, or none', () => {
    expect(loadConfig(AppEnv, { HOOKRELAY_ENCRYPTION_KEY: KEY })).toMatchObject({ NATS_USER: undefined, NATS_PASSWORD: undefined });
    expect(loadConfig(AppEnv, { HOOKRELAY_ENCRYPTION_KEY: KEY, NATS_USER: 'gateway', NATS_PASSWORD: 'hr'.concat('c0ffee'.repeat(8)) })).toMatchObject({ NATS_USER: 'gateway', NATS_PASSWORD: 'hrc0ffeec0ffee'.concat('c0ffee'.repeat(6)) });
  });

  it('reports a missing required secret without showing any value', () => {
    expect(() => loadConfig(AppEnv, {})).toThrow(/HOOKRELAY_ENCRYPTION_KEY \(unset\)/);
  });

  it.each(['127.0.0.0/8', '127.0.0.0/8,::1', '127.0.0.0/8, ::1', ' 10.0.0.0/8 , fd00::/8 '])('accepts the CIDR list %j (spaces around entries, as parseCidrList reads it)', (value) => {
    expect(loadConfig(AppEnv, { HOOKRELAY_ENCRYPTION_KEY: KEY, DELIVERY_ALLOW_CIDRS: value }).DELIVERY_ALLOW_CIDRS).toBe(value);
  });

  it('never echoes a secret value in its message', () => {
    // Caught outside the assertions: an expect inside catch would pass if loadConfig stopped throwing.
    let error: unknown;
    try {
      loadConfig(AppEnv, { HOOKRELAY_ENCRYPTION_KEY: 'sup3r-s3cret-value' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/HOOKRELAY_ENCRYPTION_KEY/);
    expect((error as Error).message).not.toContain('sup3r-s3cret-value');
  });
});

describe('databaseConfigFrom', () => {
  it.each([
    [{ SQLITE_PATH: './data/x.sqlite' }, { driver: 'sqlite', path: './data/x.sqlite', synchronous: 'FULL' }],
    [{ SQLITE_PATH: 'y.sqlite', SQLITE_SYNCHRONOUS: 'NORMAL' as const }, { driver: 'sqlite', path: 'y.sqlite', synchronous: 'NORMAL' }],
    [{ DATABASE_URL: 'postgres://u:pw@db:5433/hr', SQLITE_PATH: 'x' }, { driver: 'postgres', url: 'postgres://u:pw@db:5433/hr' }],
  ])('picks the driver for %j', (env, expected) => {
    expect(databaseConfigFrom(env)).toEqual(expected);
  });
});
