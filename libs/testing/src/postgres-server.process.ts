import { chownSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDatabase, withDatabase } from './create-database.util';
import { ManagedProcess, type ManagedProcessOptions } from './managed-process';
import { findPostgresBinaries, type PostgresBinaries } from './postgres-binaries.util';
import { postgresRunAsUser } from './postgres-os-user.util';
import { ProcessBackedServer } from './process-backed-server';
import { childPidsOf } from './process-tree.util';
import { makeTestTempDir, type TestTempDir } from './test-temp-dir.util';
import { waitUntil } from './wait-until.util';

const HOST = '127.0.0.1';

/**
 * Durability is traded for speed only where a killed server cannot tell: fsync=off keeps every commit
 * safe against kill() (the OS still has the writes). synchronous_commit stays on: off could lose the last
 * ~600 ms of commits on kill(), which would make the "nothing lost" fault tests flaky, and measured
 * only 0-15% faster with fsync off.
 */
const TEST_SPEED_SETTINGS: Readonly<Record<string, string>> = {
  fsync: 'off',
  synchronous_commit: 'on',
  full_page_writes: 'off',
  max_connections: '200',
};

export interface PostgresOptions {
  /** Default: a free port. */
  port?: number;
  /** Database created at start and named by `url`. Default `hookrelay`. */
  database?: string;
  /** Extra or overriding server settings (`-c name=value`). */
  settings?: Record<string, string | number>;
  /** Default 15 s. */
  readyTimeoutMs?: number;
}

export interface PostgresHandle {
  /** `postgres://postgres@127.0.0.1:<port>/hookrelay` (or the `database` option). */
  readonly url: string;
  /** The same server's `postgres` maintenance database. */
  readonly adminUrl: string;
  readonly port: number;
  readonly dataDir: string;
  /** Postmaster pid while running, else undefined. */
  readonly pid: number | undefined;
  readonly running: boolean;
  /** Creates a database (e.g. one per test file); returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Final stop: fast shutdown (SIGINT; SIGKILL after 10 s), then deletes the data dir. Idempotent. */
  stop(): Promise<void>;
  /** Crash for fault tests: SIGKILL of every backend, then immediate shutdown; data is kept for restart(). */
  kill(): Promise<void>;
  /** Stops the server if it runs, then starts it on the same port with the same data dir. */
  restart(): Promise<void>;
  /** The last lines the server printed. */
  logs(): string;
}

/**
 * initdb into a temp dir and start a real PostgreSQL on 127.0.0.1 (as the `postgres` user when we are
 * root), with test-speed settings; creates the `hookrelay` database.
 */
export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresHandle> {
  const binaries = findPostgresBinaries();
  const runAs = postgresRunAsUser();
  const tempDir = makeTestTempDir('pg');
  try {
    if (runAs) chownSync(tempDir.path, runAs.uid, runAs.gid);
    const processOptions: ManagedProcessOptions = {
      cwd: tempDir.path,
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      uid: runAs?.uid,
      gid: runAs?.gid,
      // Immediate shutdown: the postmaster takes its backends down and reaps them before it exits.
      emergencySignal: 'SIGQUIT',
    };
    const dataDir = join(tempDir.path, 'data');
    await initdb(binaries, dataDir, processOptions);
    const settings = Object.entries({ ...TEST_SPEED_SETTINGS, ...options.settings }).flatMap(([name, value]) => [
      '-c',
      `${name}=${value}`,
    ]);
    const server = new PostgresServer(binaries, dataDir, settings, processOptions, options.database ?? 'hookrelay', tempDir, options.readyTimeoutMs ?? 15_000);
    await server.startFirstTime(options.port);
    try {
      await createDatabase(server.adminUrl, server.database);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  } catch (error) {
    tempDir.remove();
    throw error;
  }
}

async function initdb(binaries: PostgresBinaries, dataDir: string, options: ManagedProcessOptions): Promise<void> {
  const args = ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '--locale=C', '--encoding=UTF8'];
  const proc = new ManagedProcess(binaries.initdb, args, options);
  const exit = await proc.exited;
  if (exit.code !== 0) {
    throw new Error(`initdb ${proc.describeExit()}\n--- last output of ${binaries.initdb} ---\n${proc.output.text()}`);
  }
}

class PostgresServer extends ProcessBackedServer implements PostgresHandle {
  protected override readonly name = 'postgres';
  // SIGINT is "fast shutdown". SIGTERM ("smart") would wait for every client, and pools stay connected.
  protected override readonly gracefulSignal = 'SIGINT';

  constructor(
    private readonly binaries: PostgresBinaries,
    readonly dataDir: string,
    private readonly settings: readonly string[],
    private readonly processOptions: ManagedProcessOptions,
    readonly database: string,
    tempDir: TestTempDir,
    readyTimeoutMs: number,
  ) {
    super(tempDir, readyTimeoutMs);
  }

  get adminUrl(): string {
    return `postgres://postgres@${HOST}:${this.port}/postgres`;
  }

  get url(): string {
    return withDatabase(this.adminUrl, this.database);
  }

  createDatabase(name: string): Promise<string> {
    return createDatabase(this.adminUrl, name);
  }

  protected override launch(): ManagedProcess {
    const args = ['-D', this.dataDir, '-k', this.tempDir.path, '-h', HOST, '-p', String(this.port), ...this.settings];
    return new ManagedProcess(this.binaries.postgres, args, this.processOptions);
  }

  protected override async waitUntilReady(proc: ManagedProcess, timeoutMs: number): Promise<void> {
    await waitUntil(() => acceptsQueries(this.adminUrl), {
      description: 'SELECT 1 to succeed',
      timeoutMs,
      intervalMs: 50,
      abortIf: () => (proc.running ? undefined : `postgres ${proc.describeExit()}`),
    });
  }

  /**
   * A crash, without orphans: the backends are SIGKILLed (clients see their connections drop, no
   * goodbye), then SIGQUIT ("immediate shutdown": no checkpoint, so restart() runs crash recovery)
   * makes the postmaster reap the rest and exit. SIGKILLing the postmaster itself would leave
   * backends running on, holding its shared memory, until they noticed.
   */
  protected override async forceKill(proc: ManagedProcess): Promise<void> {
    const pid = proc.pid;
    if (pid === undefined || !proc.running) return;
    for (const child of childPidsOf(pid)) {
      try {
        process.kill(child, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    proc.signal('SIGQUIT');
    if (!(await proc.waitForExit(10_000))) {
      proc.signal('SIGKILL');
      await proc.exited;
    }
  }
}

async function acceptsQueries(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
