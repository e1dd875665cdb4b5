import { spawn, type ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { findExecutable } from './executable-lookup.util';
import { onExitCleanup } from './exit-cleanup.util';
import { OutputTail } from './output-tail.util';

export interface ManagedProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Run as this user/group (needs root); used for postgres, which refuses to run as root. */
  uid?: number;
  gid?: number;
  /**
   * Sent when the owning process dies (parent-death signal), exits or is interrupted. Default SIGKILL;
   * a server whose children must be reaped by itself (postgres) wants its own emergency signal.
   */
  emergencySignal?: NodeJS.Signals;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

let setprivPath: string | null | undefined;

/**
 * A child process that cannot outlive the process that started it. It is spawned through util-linux
 * `setpriv --pdeathsig <signal>`, so the kernel signals it when its parent dies for any reason (even
 * SIGKILL of a Jest worker, where no exit hook runs); exit and signal hooks cover the rest.
 * Its output is kept in a tail for readiness checks and error messages.
 */
export class ManagedProcess {
  readonly output = new OutputTail();
  private exit: ProcessExit | undefined;
  private readonly exitPromise: Promise<ProcessExit>;
  private readonly child: ChildProcess;
  private readonly cancelExitCleanup: () => void;

  constructor(
    readonly executable: string,
    readonly args: readonly string[],
    options: ManagedProcessOptions = {},
  ) {
    const emergencySignal = options.emergencySignal ?? 'SIGKILL';
    if (setprivPath === undefined) setprivPath = findExecutable('setpriv') ?? null;
    const [command, argv] = setprivPath
      ? [setprivPath, ['--pdeathsig', emergencySignal.replace(/^SIG/, ''), '--', executable, ...args]]
      : [executable, [...args]];
    this.child = spawn(command, argv, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      uid: options.uid,
      gid: options.gid,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.output.attach(this.child.stdout);
    this.output.attach(this.child.stderr);
    this.cancelExitCleanup = onExitCleanup({
      onExit: () => this.signal(emergencySignal),
      onSignal: async () => {
        this.signal(emergencySignal);
        await this.exited; // lets Node reap it: no zombie left behind
      },
    });
    this.exitPromise = new Promise((resolve) => {
      const settle = (exit: ProcessExit): void => {
        if (this.exit) return;
        this.exit = exit;
        this.cancelExitCleanup();
        resolve(exit);
      };
      this.child.once('exit', (code, signal) => settle({ code, signal }));
      this.child.once('error', (error) => settle({ code: null, signal: null, error }));
    });
    // A server a test forgot to stop must not keep the test process alive (it dies with it instead),
    // so the child only holds the event loop open while someone awaits its exit.
    this.child.unref();
    unrefStream(this.child.stdout);
    unrefStream(this.child.stderr);
  }

  /** Resolves when the process has exited; keeps the event loop alive until then. */
  get exited(): Promise<ProcessExit> {
    if (this.exit) return this.exitPromise;
    this.child.ref();
    return this.exitPromise.finally(() => this.child.unref());
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exit === undefined && this.child.pid !== undefined;
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** Resolves true once the process has exited, false if it still runs after timeoutMs. */
  async waitForExit(timeoutMs: number): Promise<boolean> {
    if (this.exit) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const exited = await Promise.race([this.exitPromise.then(() => true), timedOut]);
    clearTimeout(timer);
    return exited;
  }

  describeExit(): string {
    const exit = this.exit;
    if (!exit) return 'still running';
    if (exit.error) return `could not be started: ${exit.error.message}`;
    if (exit.signal) return `was killed by ${exit.signal}`;
    return `exited with code ${exit.code}`;
  }
}

function unrefStream(stream: Readable | null): void {
  if (stream instanceof Socket) stream.unref();
}
