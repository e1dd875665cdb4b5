import { startNatsServer, type NatsServerHandle } from './nats-server.process';
import { startPostgres, type PostgresHandle } from './postgres-server.process';
import { TEST_ENV } from './test-env';
import { reapAbandonedTestTempDirs } from './test-temp-dir.util';

interface Started {
  nats?: NatsServerHandle;
  postgres?: PostgresHandle;
}

// Jest may load setup and teardown as separate module instances: keep the state on the real global.
const STATE = Symbol.for('hookrelay.testing.infrastructure');
type GlobalWithState = typeof globalThis & { [STATE]?: Started };

/**
 * Jest global setup: reuses HOOKRELAY_TEST_NATS_URL / HOOKRELAY_TEST_PG_URL when set, else starts a
 * nats-server and a PostgreSQL server (in parallel) and sets them, so every test worker inherits them.
 */
export async function startTestInfrastructure(): Promise<void> {
  reapAbandonedTestTempDirs();
  const started: Started = {};
  (globalThis as GlobalWithState)[STATE] = started;
  const [nats, postgres] = await Promise.allSettled([
    process.env[TEST_ENV.natsUrl] ? undefined : timed('nats-server', () => startNatsServer()),
    process.env[TEST_ENV.postgresUrl] ? undefined : timed('postgres', () => startPostgres()),
  ]);
  if (nats.status === 'fulfilled' && nats.value) {
    started.nats = nats.value;
    process.env[TEST_ENV.natsUrl] = nats.value.url;
  }
  if (postgres.status === 'fulfilled' && postgres.value) {
    started.postgres = postgres.value;
    process.env[TEST_ENV.postgresUrl] = postgres.value.url;
  }
  const failed = [nats, postgres].filter((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed.length > 0) {
    await stopTestInfrastructure();
    throw new Error(failed.map((result) => (result.reason as Error).message).join('\n\n'));
  }
}

/**
 * Jest global teardown: stops only what startTestInfrastructure started. Test workers have exited by
 * now, so their leftover temp dirs (tempSqlitePath, servers they did not stop) are removed too.
 */
export async function stopTestInfrastructure(): Promise<void> {
  const started = (globalThis as GlobalWithState)[STATE];
  delete (globalThis as GlobalWithState)[STATE];
  if (started?.nats) delete process.env[TEST_ENV.natsUrl];
  if (started?.postgres) delete process.env[TEST_ENV.postgresUrl];
  await Promise.all([started?.nats?.stop(), started?.postgres?.stop()]);
  reapAbandonedTestTempDirs();
}

async function timed<T extends { url: string }>(name: string, start: () => Promise<T>): Promise<T> {
  const began = Date.now();
  const handle = await start();
  process.stderr.write(`[@hookrelay/testing] ${name} ready in ${Date.now() - began} ms at ${handle.url}\n`);
  return handle;
}
