import { getFreePort } from './free-port.util';
import type { ManagedProcess } from './managed-process';
import type { TestTempDir } from './test-temp-dir.util';

const GRACEFUL_STOP_TIMEOUT_MS = 10_000;
const PORT_ATTEMPTS = 3;

/** The port was taken between picking it and the server binding it. */
class PortInUseError extends Error {}

/**
 * Start/stop/kill/restart bookkeeping shared by the nats-server and postgres handles: one server
 * process at a time on a fixed port, its files in a temp dir that lives until the final stop(), so
 * restart() comes back on the same port with the same data.
 */
export abstract class ProcessBackedServer {
  protected abstract readonly name: string;
  /** The signal asking the server for a clean, prompt shutdown. */
  protected abstract readonly gracefulSignal: NodeJS.Signals;
  private current: ManagedProcess | undefined;
  private finished = false;
  private boundPort: number | undefined;

  protected constructor(
    protected readonly tempDir: TestTempDir,
    private readonly readyTimeoutMs: number,
  ) {}

  /** Spawns the server process on `this.port`. */
  protected abstract launch(): ManagedProcess;
  /** Resolves once `proc` serves requests; rejects on timeout or when it exits. */
  protected abstract waitUntilReady(proc: ManagedProcess, timeoutMs: number): Promise<void>;

  /** Kills the server abruptly (SIGKILL) and waits until it is gone. */
  protected async forceKill(proc: ManagedProcess): Promise<void> {
    proc.signal('SIGKILL');
    await proc.exited;
  }

  get port(): number {
    if (this.boundPort === undefined) throw new Error(`${this.name} has no port yet`);
    return this.boundPort;
  }

  get pid(): number | undefined {
    return this.current?.running ? this.current.pid : undefined;
  }

  get running(): boolean {
    return this.current?.running ?? false;
  }

  /** The last lines the server printed (its current or last run). */
  logs(): string {
    return this.current?.output.text() ?? '';
  }

  /**
   * First start: on `requestedPort`, or on a free port, retried with a new one when another process
   * grabbed it first. On failure the temp dir is removed.
   */
  async startFirstTime(requestedPort: number | undefined): Promise<void> {
    try {
      for (let attempt = 1; ; attempt++) {
        this.boundPort = requestedPort ?? (await getFreePort());
        try {
          await this.startProcess();
          return;
        } catch (error) {
          if (!(error instanceof PortInUseError) || requestedPort !== undefined || attempt >= PORT_ATTEMPTS) throw error;
        }
      }
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async restart(): Promise<void> {
    if (this.finished) throw new Error(`${this.name} was stopped for good; start a new one`);
    await this.shutdown();
    await this.startProcess();
  }

  async kill(): Promise<void> {
    if (this.current?.running) await this.forceKill(this.current);
  }

  /** Final stop: shuts the server down cleanly (SIGKILL after a timeout) and deletes its temp dir. */
  async stop(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    await this.shutdown();
    this.tempDir.remove();
  }

  private async shutdown(): Promise<void> {
    const proc = this.current;
    if (!proc?.running) return;
    proc.signal(this.gracefulSignal);
    if (!(await proc.waitForExit(GRACEFUL_STOP_TIMEOUT_MS))) await this.forceKill(proc);
  }

  private async startProcess(): Promise<void> {
    const proc = this.launch();
    this.current = proc;
    try {
      await this.waitUntilReady(proc, this.readyTimeoutMs);
    } catch (error) {
      await this.forceKill(proc);
      const output = proc.output.text();
      const message =
        `${this.name} did not become ready on 127.0.0.1:${this.port}: ${(error as Error).message}\n` +
        `--- last output of ${proc.executable} ---\n${output}`;
      throw /address already in use/i.test(output) ? new PortInUseError(message) : new Error(message);
    }
  }
}
