import type { Clock } from '../core/ports/clock.port';
import type { DeliveryStore } from '../core/ports/delivery-store.port';

/** The lease row every replica competes for: one sweep at a time across the whole deployment. */
export const RETENTION_LEASE = 'retention';

export interface RetentionSettings {
  /** Closed deliveries older than this (by closed_at) are deleted with their attempts. */
  horizonMs: number;
  /** Idempotency keys older than this are deleted (they are honoured for 24 h only). */
  idempotencyHorizonMs: number;
  /** Rows per batch: one short transaction each. */
  batchSize: number;
  /** Pause between two batches, so the hot path gets the write lock (SQLite) and the I/O (both) in between. */
  pauseMs: number;
  /** How long a taken lease lasts; renewed before every batch. Must exceed a batch plus its pause by far. */
  leaseMs: number;
  /** This replica's name in the lease (unique per process). */
  holder: string;
}

/** What one sweep did. */
export interface RetentionReport {
  /** False when another replica held the lease: this one did nothing. */
  ran: boolean;
  deliveries: number;
  attempts: number;
  idempotencyKeys: number;
  batches: number;
  /** The slowest batch (ms): how long a sweep can hold the store at once. */
  longestBatchMs: number;
}

export interface RetentionHooks {
  /** Rows deleted by one batch, by table (a metrics counter in the Nest adapter). */
  deleted?(table: 'deliveries' | 'delivery_attempts' | 'delivery_idempotency_keys', count: number): void;
  /** The duration of one batch (ms). */
  batch?(ms: number): void;
  sleep?(ms: number): Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retention, framework-free: deletes closed deliveries (with their attempts) past the horizon, and expired
 * idempotency keys, in batches of `batchSize` with a pause between them, holding the `retention` lease so
 * exactly one replica sweeps at a time. Never one big DELETE: each batch is one short transaction (on
 * SQLite it goes through the store's writer thread like any other write), so deliveries keep flowing.
 * Open deliveries and younger closed ones are never touched (the store's prune only sees CLOSED rows
 * closed before the horizon). A lease lost mid-sweep (renewal refused) ends the sweep at once.
 */
export class RetentionSweeper {
  private stopped = false;

  constructor(
    private readonly store: DeliveryStore,
    private readonly clock: Clock,
    private readonly settings: RetentionSettings,
    private readonly hooks: RetentionHooks = {},
  ) {}

  /** Ends the current sweep after its batch in flight (shutdown). */
  stop(): void {
    this.stopped = true;
  }

  async sweep(): Promise<RetentionReport> {
    const report: RetentionReport = { ran: false, deliveries: 0, attempts: 0, idempotencyKeys: 0, batches: 0, longestBatchMs: 0 };
    if (!(await this.renew())) return report;
    report.ran = true;
    try {
      let deliveriesLeft = this.settings.horizonMs > 0;
      let keysLeft = true;
      while ((deliveriesLeft || keysLeft) && !this.stopped) {
        const started = this.clock.now();
        if (deliveriesLeft) {
          const pruned = await this.store.pruneClosedDeliveries(started - this.settings.horizonMs, this.settings.batchSize);
          report.deliveries += pruned.deliveries;
          report.attempts += pruned.attempts;
          this.hooks.deleted?.('deliveries', pruned.deliveries);
          this.hooks.deleted?.('delivery_attempts', pruned.attempts);
          deliveriesLeft = pruned.deliveries >= this.settings.batchSize;
        }
        if (keysLeft) {
          const keys = await this.store.pruneIdempotencyKeys(started - this.settings.idempotencyHorizonMs, this.settings.batchSize);
          report.idempotencyKeys += keys;
          this.hooks.deleted?.('delivery_idempotency_keys', keys);
          keysLeft = keys >= this.settings.batchSize;
        }
        const took = this.clock.now() - started;
        report.batches += 1;
        report.longestBatchMs = Math.max(report.longestBatchMs, took);
        this.hooks.batch?.(took);
        if (!(deliveriesLeft || keysLeft) || this.stopped) break;
        await (this.hooks.sleep ?? realSleep)(this.settings.pauseMs);
        if (!(await this.renew())) break;
      }
    } finally {
      await this.store.releaseLease(RETENTION_LEASE, this.settings.holder).catch(() => undefined);
    }
    return report;
  }

  private renew(): Promise<boolean> {
    const now = this.clock.now();
    return this.store.takeLease(RETENTION_LEASE, this.settings.holder, now, now + this.settings.leaseMs);
  }
}
