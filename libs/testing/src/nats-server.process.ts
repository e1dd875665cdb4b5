import { NATS_APP_USERS_FILE, NATS_USERS_FILE, NatsUserEntry, renderNatsAppUsers } from '@hookrelay/contracts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable } from './executable-lookup.util';
import { ManagedProcess } from './managed-process';
import { ProcessBackedServer } from './process-backed-server';
import { canConnect } from './tcp-probe.util';
import { makeTestTempDir, type TestTempDir } from './test-temp-dir.util';
import { waitUntil } from './wait-until.util';
import { addNatsUserAndReload, TEST_NATS_SUPERUSER, testNatsPassword, testNatsServerEnv, testNatsUsersFile } from './test-nats-auth';

const HOST = '127.0.0.1';

export interface NatsServerOptions {
  /** Default: a free port. */
  port?: number;
  /** JetStream store dir. Default: inside the server's temp dir. A given dir is never deleted. */
  storeDir?: string;
  /** Default 10 s. */
  readyTimeoutMs?: number;
  /**
   * NATS authorization as Hookrelay deploys it (default true): the generated app users with their
   * permissions (startPlatform gives each app its credentials) and a full-access test superuser. false: no
   * authorization at all.
   */
  auth?: boolean;
  /** With auth: a connection without credentials becomes the superuser (default true), so tests connect with just `url`. */
  anonymousSuperuser?: boolean;
  /**
   * Lines appended to the configuration file (needs auth): e.g. a cluster's `server_name` and `cluster {}` block
   * (startNatsCluster). They stay in the file, so a reload or restart keeps them.
   */
  extraConfig?: string[];
}

export interface NatsServerHandle {
  /** `nats://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  /** Pid while running, else undefined. */
  readonly pid: number | undefined;
  readonly running: boolean;
  /** Final stop: SIGTERM (SIGKILL after 10 s), then deletes the temp dir. Idempotent. */
  stop(): Promise<void>;
  /** SIGKILL, for fault tests; the store dir is kept, so restart() recovers the streams. */
  kill(): Promise<void>;
  /** Stops the server if it runs, then starts it on the same port with the same store dir. */
  restart(): Promise<void>;
  /** The last lines the server printed. */
  logs(): string;
  /** With auth: the users file (the configuration nats-server was started with). */
  readonly usersFile: string | undefined;
  /** The full-access test user's credentials (valid with auth). */
  readonly superuser: { user: string; pass: string };
  /** With auth: adds or replaces a user (e.g. an /exec handler's) and reloads the server, like an operator does. */
  addUser(entry: NatsUserEntry): Promise<void>;
}

/** Starts a real `nats-server -js` on 127.0.0.1 with its JetStream store in a temp dir. */
export async function startNatsServer(options: NatsServerOptions = {}): Promise<NatsServerHandle> {
  const binary = findExecutable('nats-server');
  if (!binary) {
    throw new Error(
      'nats-server not found on PATH or in /usr/sbin: install it with tools/scripts/ensure-system-deps.sh nats ' +
        '(Debian package nats-server)',
    );
  }
  const tempDir = makeTestTempDir('nats');
  const storeDir = options.storeDir ?? join(tempDir.path, 'jetstream');
  mkdirSync(storeDir, { recursive: true });
  if (options.extraConfig && options.auth === false) throw new Error('extraConfig needs auth: without it nats-server has no configuration file');
  const usersFile =
    options.auth === false ? undefined : writeAuthorization(tempDir.path, storeDir, options.anonymousSuperuser ?? true, options.extraConfig ?? []);
  const server = new NatsServer(binary, storeDir, usersFile, tempDir, options.readyTimeoutMs ?? 10_000);
  await server.startFirstTime(options.port);
  return server;
}

class NatsServer extends ProcessBackedServer implements NatsServerHandle {
  protected override readonly name = 'nats-server';
  protected override readonly gracefulSignal = 'SIGTERM';

  readonly superuser = { user: TEST_NATS_SUPERUSER, pass: testNatsPassword(TEST_NATS_SUPERUSER) };

  constructor(
    private readonly binary: string,
    readonly storeDir: string,
    readonly usersFile: string | undefined,
    tempDir: TestTempDir,
    readyTimeoutMs: number,
  ) {
    super(tempDir, readyTimeoutMs);
  }

  get url(): string {
    return `nats://${HOST}:${this.port}`;
  }

  protected override launch(): ManagedProcess {
    // No -m: the monitoring port is not needed by tests and would be one more port to race for.
    // With auth, JetStream and its store are in the configuration file (a reload keeps them); see renderNatsUsersFile.
    const args = [...(this.usersFile ? ['-c', this.usersFile] : ['-js', '-sd', this.storeDir]), '-a', HOST, '-p', String(this.port)];
    return new ManagedProcess(this.binary, args, { cwd: this.tempDir.path, env: { ...process.env, ...testNatsServerEnv() } });
  }

  async addUser(entry: NatsUserEntry): Promise<void> {
    if (!this.usersFile || this.pid === undefined) throw new Error('addUser needs a running nats-server started with auth');
    await addNatsUserAndReload({ usersFile: this.usersFile, pid: this.pid, url: this.url }, entry);
  }

  protected override async waitUntilReady(proc: ManagedProcess, timeoutMs: number): Promise<void> {
    const announcedReady = proc.output.watchFor(/Server is ready/);
    await waitUntil(async () => announcedReady() && (await canConnect(this.port, HOST)), {
      description: '"Server is ready" and a TCP connection',
      timeoutMs,
      abortIf: () => (proc.running ? undefined : `nats-server ${proc.describeExit()}`),
    });
  }
}

/** The generated app users and a users file with the test superuser, in the server's temp dir. */
function writeAuthorization(dir: string, storeDir: string, anonymousSuperuser: boolean, extraConfig: string[]): string {
  writeFileSync(join(dir, NATS_APP_USERS_FILE), renderNatsAppUsers());
  const usersFile = join(dir, NATS_USERS_FILE);
  writeFileSync(usersFile, [testNatsUsersFile(storeDir, anonymousSuperuser), ...extraConfig, ''].join('\n'));
  return usersFile;
}
