import type { Clock } from '../core/ports/clock.port';
import type { DeliveryStore } from '../core/ports/delivery-store.port';
import type { RetentionTask } from './retention-task.types';

export interface RetentionSettings {
  /** Rows per batch: one short transaction each. */
  batchSize: number;
  /** Pause between two batches, so the hot path gets the write lock (SQLite) and the I/O (both) in between. */
  pauseMs: number;
  /** How long a taken lease lasts; renewed before every batch. Must exceed a batch plus its pause by far. */
  leaseMs: number;
  /** This replica's name in the leases (unique per process). */
  holder: string;
}

/** What one sweep did. */
export interface RetentionReport {
  /** The tasks this replica ran (the others' leases were held by another replica, or keep forever). */
  ran: string[];
  /** Rows deleted, by table. */
  deleted: Record<string, number>;
  batches: number;
  /** The slowest batch (ms): how long a sweep can hold the database at once. */
  longestBatchMs: number;
}

export interface RetentionHooks {
  /** Rows deleted by one batch of one table (a metrics counter in the Nest adapter). */
  deleted?(table: string, count: number): void;
  /** The duration of one batch (ms). */
  batch?(ms: number): void;
  sleep?(ms: number): Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The lease of one task; every replica competes for the same row. */
export const retentionLease = (task: string): string => `retention:${task}`;

/**
 * Retention, framework-free: for each task, deletes its rows past the horizon in batches of `batchSize` with
 * a pause between them, holding the task's lease (in the delivery store's `delivery_leases`) so exactly one
 * replica works a table at a time. Never one big DELETE: each batch is one short transaction (on SQLite it
 * goes through the store's writer thread like any other write), so deliveries keep flowing. A lease lost
 * mid-task (renewal refused: the replica stalled past it and another took over) ends that task at once.
 */
export class RetentionSweeper {
  private stopped = false;

  constructor(
    private readonly leases: Pick<DeliveryStore, 'takeLease' | 'releaseLease'>,
    private readonly tasks: () => readonly RetentionTask[],
    private readonly clock: Clock,
    private readonly settings: RetentionSettings,
    private readonly hooks: RetentionHooks = {},
  ) {}

  /** Ends the current sweep after its batch in flight (shutdown). */
  stop(): void {
    this.stopped = true;
  }

  async sweep(): Promise<RetentionReport> {
    const report: RetentionReport = { ran: [], deleted: {}, batches: 0, longestBatchMs: 0 };
    for (const task of this.tasks()) {
      if (this.stopped) break;
      if (task.horizonMs <= 0) continue;
      const lease = retentionLease(task.name);
      if (!(await this.renew(lease))) continue;
      report.ran.push(task.name);
      try {
        await this.drain(task, lease, report);
      } finally {
        await this.leases.releaseLease(lease, this.settings.holder).catch(() => undefined);
      }
    }
    return report;
  }

  private async drain(task: RetentionTask, lease: string, report: RetentionReport): Promise<void> {
    while (!this.stopped) {
      const started = this.clock.now();
      const batch = await task.prune(started - task.horizonMs, this.settings.batchSize);
      const took = this.clock.now() - started;
      for (const [table, count] of Object.entries(batch.deleted)) {
        report.deleted[table] = (report.deleted[table] ?? 0) + count;
        this.hooks.deleted?.(table, count);
      }
      report.batches += 1;
      report.longestBatchMs = Math.max(report.longestBatchMs, took);
      this.hooks.batch?.(took);
      if (batch.rows < this.settings.batchSize || this.stopped) return;
      await (this.hooks.sleep ?? realSleep)(this.settings.pauseMs);
      if (!(await this.renew(lease))) return;
    }
  }

  private renew(lease: string): Promise<boolean> {
    const now = this.clock.now();
    return this.leases.takeLease(lease, this.settings.holder, now, now + this.settings.leaseMs);
  }
}
