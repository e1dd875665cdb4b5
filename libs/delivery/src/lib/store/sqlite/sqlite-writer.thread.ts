import { Worker } from 'node:worker_threads';
import { SQLITE_STATEMENTS } from './sqlite-delivery.statements';
import { SQLITE_WRITER_WORKER_SOURCE } from './sqlite-writer.worker-source';

export interface SqliteWriterOptions {
  path: string;
  synchronous?: 'FULL' | 'NORMAL';
  /** How long the thread waits for another process's write lock before failing the batch (ms). */
  busyTimeoutMs?: number;
}

/** The operations the thread knows (handlers in sqlite-writer.worker-source.ts). */
export type SqliteWriterOp =
  | 'accept' | 'record' | 'closeUnattempted' | 'park' | 'unqueue' | 'claimDue' | 'pruneIdempotencyKeys' | 'recall'
  | 'pruneClosedDeliveries' | 'takeLease' | 'releaseLease'
  | 'getTarget' | 'putTargetConfig' | 'swapTargetSecrets' | 'removeTarget' | 'setHealth' | 'resumeTarget' | 'listPaused'
  | 'addStats' | 'pruneStats' | 'listTargets' | 'pauseTarget' | 'operationalEventsPending' | 'operationalEventDispatched';

interface OpMessage {
  id: number;
  op: SqliteWriterOp;
  args: unknown;
}

type OpResult = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { name: string; message: string; code?: string } };

type WorkerMessage = { type: 'ready' } | { type: 'closed' } | { type: 'results'; results: OpResult[] };

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

const DEFAULT_BUSY_TIMEOUT_MS = 15_000;

/**
 * The main thread's side of the SQLite writer thread: posts operations, settles each caller's promise
 * with its result. Operations submitted in the same event-loop turn travel in one message. The thread is unref'd
 * while idle (an idle store never keeps a process alive) and ref'd while a caller waits.
 */
export class SqliteWriterThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private outbox: OpMessage[] = [];
  private nextId = 1;
  private failure: Error | null = null;
  private closing: Promise<void> | null = null;
  private readonly exited: Promise<void>;

  constructor(options: SqliteWriterOptions) {
    this.worker = new Worker(SQLITE_WRITER_WORKER_SOURCE, {
      eval: true,
      workerData: {
        path: options.path,
        synchronous: options.synchronous ?? 'FULL',
        busyTimeoutMs: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
        driverPath: require.resolve('better-sqlite3'),
        statements: SQLITE_STATEMENTS,
      },
    });
    this.worker.unref();
    this.worker.on('message', (message: WorkerMessage) => this.onMessage(message));
    // A thread that dies (cannot open the file, out of memory) fails its callers, never the process.
    this.worker.on('error', (error: Error) => this.fail(new Error(`SQLite writer thread failed: ${error.message}`)));
    this.exited = new Promise((resolve) => this.worker.once('exit', () => {
      this.fail(new Error('SQLite writer thread exited'));
      resolve();
    }));
  }

  call<T>(op: SqliteWriterOp, args: unknown): Promise<T> {
    if (this.closing) return Promise.reject(new Error('SqliteDeliveryStore is closed'));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.outbox.push({ id, op, args });
      // setImmediate, not a microtask: every operation made while this turn's I/O callbacks run (all the
      // HTTP responses that arrived together) travels in one message, one thread wake-up.
      if (this.outbox.length === 1) setImmediate(() => this.flush());
    });
  }

  /** Lets queued operations finish, then stops the thread and closes its connection. */
  close(): Promise<void> {
    if (!this.closing) {
      this.flush();
      this.closing = (async () => {
        if (!this.failure) {
          this.worker.ref();
          this.worker.postMessage({ type: 'close' });
        }
        await this.exited;
      })();
    }
    return this.closing;
  }

  private flush(): void {
    if (this.outbox.length === 0 || this.failure) return;
    const ops = this.outbox;
    this.outbox = [];
    this.worker.postMessage({ type: 'ops', ops });
  }

  private onMessage(message: WorkerMessage): void {
    if (message.type !== 'results') return;
    for (const result of message.results) {
      const pending = this.pending.get(result.id);
      if (!pending) continue;
      this.pending.delete(result.id);
      if (result.ok) pending.resolve(result.value);
      else pending.reject(Object.assign(new Error(result.error.message), { name: result.error.name, code: result.error.code }));
    }
    if (this.pending.size === 0 && !this.closing) this.worker.unref();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    this.outbox = [];
  }
}
