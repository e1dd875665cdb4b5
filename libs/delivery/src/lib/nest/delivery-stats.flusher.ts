import type { DeliveryStatsBatch } from '../core/ports/delivery-stats.port';
import type { DeliveryStore } from '../core/ports/delivery-store.port';
import type { DeliveryStatsAggregator } from '../stats/delivery-stats.aggregator';

/**
 * Writes the process's delivery stats (DeliveryStatsAggregator) every `intervalMs` and once more at shutdown:
 * the whole interval's counts in ONE store call (one transaction: additive upserts, see DeliveryStore.addStats),
 * so the stats cost the database one write per interval per process, never one per attempt. A failed write
 * puts its batch back for the next one. What a process killed with -9 had not flushed yet (at most one
 * interval) is lost: the stats are an operator's view, not the delivery record (deliveries/delivery_attempts).
 */
export class DeliveryStatsFlusher {
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly store: Pick<DeliveryStore, 'addStats'>,
    private readonly aggregator: DeliveryStatsAggregator,
    private readonly intervalMs: number,
    private readonly warn: (message: string) => void,
  ) {}

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  /** Writes what was counted so far (waits for a flush already running, then writes the rest). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.aggregator.isEmpty) return;
    const batch = this.aggregator.drain();
    this.flushing = this.write(batch).finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }

  /** The last flush, after the workers have stopped and before the store closes. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  private async write(batch: DeliveryStatsBatch): Promise<void> {
    try {
      await this.store.addStats(batch);
    } catch (error) {
      this.aggregator.absorb(batch);
      this.warn(`delivery stats not written, kept for the next flush: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
