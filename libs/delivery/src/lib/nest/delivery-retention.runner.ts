import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { OperationalEventRepository } from '@hookrelay/persistence';
import { IDEMPOTENCY_WINDOW_MS } from '../core/delivery-intake';
import { systemClock } from '../core/ports/clock.port';
import type { DeliveryStore } from '../core/ports/delivery-store.port';
import { deliveryRetentionTasks } from '../retention/delivery-retention-tasks.util';
import { RetentionSweeper } from '../retention/retention-sweeper';
import { RetentionTasks } from '../retention/retention-tasks.registry';
import { RetentionTask, singleTableRetentionTask } from '../retention/retention-task.types';
import { deliveryMetrics } from './delivery.metrics';
import { DELIVERY_OPTIONS, DELIVERY_STORE, DeliveryModuleOptions } from './delivery.tokens';

/** A sweep's lease outlives any batch by far; a replica that dies holding it blocks sweeps this long at most. */
const LEASE_MS = 120_000;

/**
 * Runs RetentionSweeper every RETENTION_INTERVAL_MS in each worker process: the engine's own tasks and those
 * the service registered in RetentionTasks; the leases make the replicas take turns, so at most one works a
 * table at a time. Only this lib touches the delivery tables: the services need nothing but
 * `deliveryModuleFromEnv` (and RetentionTasks.add for tables of their own).
 */
@Injectable()
export class DeliveryRetentionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private readonly sweeper: RetentionSweeper;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @Inject(DELIVERY_OPTIONS) private readonly options: DeliveryModuleOptions,
    @Inject(DELIVERY_STORE) store: DeliveryStore,
    extra: RetentionTasks,
    operationalEvents: OperationalEventRepository,
  ) {
    const { horizonMs, batchSize, pauseMs } = options.retention;
    const own = [...deliveryRetentionTasks(store, horizonMs, IDEMPOTENCY_WINDOW_MS), operationalEventsRetention(operationalEvents, horizonMs)];
    this.sweeper = new RetentionSweeper(store, () => [...own, ...extra.list()], systemClock, {
      batchSize, pauseMs, leaseMs: Math.max(LEASE_MS, pauseMs * 4), holder: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    }, {
      deleted: (table, count) => deliveryMetrics.retentionDeleted.inc({ table }, count),
      batch: (ms) => deliveryMetrics.retentionBatchSeconds.observe(ms / 1000),
    });
  }

  onApplicationBootstrap(): void {
    if (!this.options.runWorker) return;
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.sweeper.stop();
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    // Jitter keeps the replicas from all asking for the lease at the same moment.
    const interval = this.options.retention.intervalMs;
    this.timer = setTimeout(() => {
      this.running = this.sweep().finally(() => {
        this.running = null;
        this.schedule();
      });
    }, interval + Math.floor(Math.random() * interval * 0.2));
    this.timer.unref();
  }

  private async sweep(): Promise<void> {
    try {
      const report = await this.sweeper.sweep();
      const deleted = Object.entries(report.deleted).filter(([, count]) => count > 0);
      if (deleted.length > 0) {
        this.logger.log(`deleted ${deleted.map(([table, count]) => `${count} ${table}`).join(', ')} in ${report.batches} batches `
          + `(longest ${report.longestBatchMs} ms)`);
      }
    } catch (error) {
      // Database unavailable: the next interval tries again.
      this.logger.warn(`retention sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** The engine's operational events (subscription.paused …) go with the closed deliveries they are about. */
function operationalEventsRetention(events: OperationalEventRepository, horizonMs: number): RetentionTask {
  return singleTableRetentionTask('operational-events', 'operational_events', horizonMs, (before, limit) => events.pruneBefore(before, limit));
}
