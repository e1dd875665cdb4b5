import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DeliveryRepository } from '@hookrelay/persistence';
import { DeliveryProducer } from './delivery-producer';
import { DELIVERY_OPTIONS, DeliveryModuleOptions } from './delivery.tokens';

/** A delivery this long past due, with no worker on it, is assumed lost by JetStream. */
const OVERDUE_GRACE_MS = 30_000;
const BATCH = 500;

/**
 * The database is the source of truth: every few seconds each process looks for deliveries that are
 * overdue (a job lost with a wiped stream, a publish that failed after the commit) and publishes their
 * job again. The message id (delivery, attempts, due time) makes concurrent sweeps of several replicas
 * publish each job once; a duplicate that slips through loses the claim and changes nothing.
 */
@Injectable()
export class DeliverySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeliverySweeper');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @Inject(DELIVERY_OPTIONS) private readonly options: DeliveryModuleOptions,
    private readonly deliveries: DeliveryRepository,
    private readonly producer: DeliveryProducer,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.runWorker) return;
    const interval = this.options.sweepIntervalMs;
    // Jitter spreads the replicas' sweeps over the interval.
    this.timer = setInterval(() => {
      this.running ??= this.sweep().finally(() => (this.running = null));
    }, interval + Math.floor(Math.random() * interval * 0.2));
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async sweep(now = new Date()): Promise<number> {
    try {
      const grace = Math.min(OVERDUE_GRACE_MS, this.options.ackWaitMs);
      const overdue = await this.deliveries.findOverdue(new Date(now.getTime() - grace), BATCH);
      if (overdue.length === 0) return 0;
      const messageIds = new Map(overdue.map((d) => [d.id, `${d.id}:sweep:${d.attempts}:${d.nextAttemptAt?.getTime() ?? 0}`]));
      await this.producer.publish(overdue.map((d) => ({ tenantId: d.tenantId, deliveryId: d.id })), (job) => messageIds.get(job.deliveryId)!);
      this.logger.log(`re-published ${overdue.length} overdue delivery job(s)`);
      return overdue.length;
    } catch (error) {
      this.logger.warn(`sweep failed: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    }
  }
}
