import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable } from './executable-lookup.util';
import { ManagedProcess } from './managed-process';
import { ProcessBackedServer } from './process-backed-server';
import { canConnect } from './tcp-probe.util';
import { makeTestTempDir, type TestTempDir } from './test-temp-dir.util';
import { waitUntil } from './wait-until.util';

const HOST = '127.0.0.1';

export interface NatsServerOptions {
  /** Default: a free port. */
  port?: number;
  /** JetStream store dir. Default: inside the server's temp dir. A given dir is never deleted. */
  storeDir?: string;
  /** Default 10 s. */
  readyTimeoutMs?: number;
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
  const server = new NatsServer(binary, storeDir, tempDir, options.readyTimeoutMs ?? 10_000);
  await server.startFirstTime(options.port);
  return server;
}

class NatsServer extends ProcessBackedServer implements NatsServerHandle {
  protected override readonly name = 'nats-server';
  protected override readonly gracefulSignal = 'SIGTERM';

  constructor(
    private readonly binary: string,
    readonly storeDir: string,
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
    const args = ['-js', '-sd', this.storeDir, '-a', HOST, '-p', String(this.port)];
    return new ManagedProcess(this.binary, args, { cwd: this.tempDir.path });
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
