import { onExitCleanup } from './exit-cleanup.util';
import { startNatsServer, type NatsServerHandle } from './nats-server.process';
import { startPostgres, type PostgresHandle } from './postgres-server.process';
import { childPidsOf, isProcessGone } from './process-tree.util';
import { TEST_ENV } from './test-env';
import { reapAbandonedTestTempDirs } from './test-temp-dir.util';
import { waitUntil } from './wait-until.util';

interface Started {
  nats?: NatsServerHandle;
  postgres?: PostgresHandle;
  cancelSignalCleanup: () => void;
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
  const started: Started = { cancelSignalCleanup: onExitCleanup({ onSignal: terminateChildProcesses }) };
  (globalThis as GlobalWithState)[STATE] = started;
  const [nats, postgres] = await Promise.allSettled([
    process.env[TEST_ENV.natsUrl] ? undefined : timed('nats-server', () => startNatsServer()),
    process.env[TEST_ENV.postgresUrl] ? undefined : timed('postgres', () => startPostgres()),
  ]);
  if (nats.status === 'fulfilled' && nats.value) {
    started.nats = nats.value;
    process.env[TEST_ENV.natsUrl] = nats.value.url;
    if (nats.value.usersFile && nats.value.pid !== undefined) {
      process.env[TEST_ENV.natsUsersFile] = nats.value.usersFile;
      process.env[TEST_ENV.natsPid] = String(nats.value.pid);
    }
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
 * Jest global teardown: stops only what startTestInfrastructure started. The tests are over (workers
 * have exited), so their leftover temp dirs (tempSqlitePath, servers they did not stop) go too.
 */
export async function stopTestInfrastructure(): Promise<void> {
  const started = (globalThis as GlobalWithState)[STATE];
  delete (globalThis as GlobalWithState)[STATE];
  started?.cancelSignalCleanup();
  if (started?.nats) for (const name of [TEST_ENV.natsUrl, TEST_ENV.natsUsersFile, TEST_ENV.natsPid]) delete process.env[name];
  if (started?.postgres) delete process.env[TEST_ENV.postgresUrl];
  await Promise.all([started?.nats?.stop(), started?.postgres?.stop()]);
  reapAbandonedTestTempDirs({ includeOwn: true });
}

/**
 * Jest workers outlive a Jest parent killed by a signal (they carry on with their test), and so do
 * the servers they started. Take them down with us: SIGTERM ends a worker, and the parent-death
 * signal of managed-process.ts then ends its servers. Their temp dirs go with them.
 */
async function terminateChildProcesses(): Promise<void> {
  const children = childPidsOf(process.pid);
  for (const child of children) {
    try {
      process.kill(child, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await waitUntil(() => children.every(isProcessGone), {
    description: 'child processes to exit',
    timeoutMs: 2_500,
  }).catch(() => undefined);
  reapAbandonedTestTempDirs();
}

async function timed<T extends { url: string }>(name: string, start: () => Promise<T>): Promise<T> {
  const began = Date.now();
  const handle = await start();
  process.stderr.write(`[@hookrelay/testing] ${name} ready in ${Date.now() - began} ms at ${handle.url}\n`);
  return handle;
}
