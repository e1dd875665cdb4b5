import { NATS_APPS, NatsApp, natsPasswordEnv, NatsUserEntry, renderNatsUsersFile, withNatsUser } from '@hookrelay/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { connect } from 'nats';
import { TEST_ENV, testNatsUrl } from './test-env';
import { waitUntil } from './wait-until.util';

/** The tests' full-access NATS user; on test servers a connection without credentials becomes it. */
export const TEST_NATS_SUPERUSER = 'test-superuser';
/** Seed of every test NATS password of this run; set once by the global setup, inherited by the workers. */
const SECRET_ENV = 'HOOKRELAY_TEST_NATS_SECRET';

function runSecret(): string {
  process.env[SECRET_ENV] ??= randomBytes(24).toString('hex');
  return process.env[SECRET_ENV];
}

/** The password of a test NATS user (an app, or the superuser): the same in every process of one test run. */
export function testNatsPassword(user: NatsApp | typeof TEST_NATS_SUPERUSER): string {
  // Starts with a letter: nats-server parses the passwords it reads from its environment as config values.
  return `hr${createHash('sha256').update(`${runSecret()}:${user}`).digest('hex').slice(0, 40)}`;
}

/** NATS_USER / NATS_PASSWORD for one app process against a test server. */
export function testNatsCredentialsEnv(app: NatsApp): { NATS_USER: string; NATS_PASSWORD: string } {
  return { NATS_USER: app, NATS_PASSWORD: testNatsPassword(app) };
}

/** nats-server's environment: the app passwords its generated configuration reads. */
export function testNatsServerEnv(): Record<string, string> {
  return Object.fromEntries(NATS_APPS.map((app) => [natsPasswordEnv(app), testNatsPassword(app)]));
}

/** A test server's configuration: the apps and the superuser (who anonymous connections become, when `anonymous`), JetStream in `storeDir`. */
export function testNatsUsersFile(storeDir: string, anonymous: boolean): string {
  return renderNatsUsersFile({
    users: [{ user: TEST_NATS_SUPERUSER, password: testNatsPassword(TEST_NATS_SUPERUSER) }],
    jetstreamStoreDir: storeDir,
    ...(anonymous ? { anonymousUser: TEST_NATS_SUPERUSER } : {}),
  });
}

/**
 * Adds (or replaces) a user in a running test server's users file, reloads it (SIGHUP, what
 * `nats-server --signal reload` sends) and waits until the user can connect. A directory lock keeps two
 * test workers from losing each other's edits of the shared server's file.
 */
export async function addNatsUserAndReload(server: { usersFile: string; pid: number; url: string }, entry: NatsUserEntry): Promise<void> {
  if (typeof entry.password !== 'string') throw new Error('test NATS users need a literal password');
  const lock = `${server.usersFile}.lock`;
  await waitUntil(() => tryLock(lock), { description: `the lock ${lock}`, timeoutMs: 10_000, intervalMs: 20 });
  try {
    writeFileSync(server.usersFile, withNatsUser(readFileSync(server.usersFile, 'utf8'), entry));
    process.kill(server.pid, 'SIGHUP');
  } finally {
    rmdirSync(lock);
  }
  const { user, password } = { user: entry.user, password: entry.password };
  await waitUntil(
    async () => {
      const nc = await connect({ servers: server.url, user, pass: password, reconnect: false }).catch(() => null);
      await nc?.close();
      return nc !== null;
    },
    { description: `nats-server to accept the new user ${user}`, timeoutMs: 10_000, intervalMs: 50 },
  );
}

function tryLock(path: string): boolean {
  try {
    mkdirSync(path);
    return true;
  } catch {
    return false;
  }
}

/** addUser for the shared test nats-server (testNatsUrl()): adds or replaces a user and reloads the server. */
export async function addTestNatsUser(entry: NatsUserEntry): Promise<void> {
  const usersFile = process.env[TEST_ENV.natsUsersFile];
  const pid = Number(process.env[TEST_ENV.natsPid]);
  if (!usersFile || !pid) throw new Error(`${TEST_ENV.natsUsersFile}/${TEST_ENV.natsPid} are not set: the shared nats-server was not started with authorization by the global setup`);
  await addNatsUserAndReload({ usersFile, pid, url: testNatsUrl() }, entry);
}
