import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DeliveryEngine } from '../core/delivery-engine';
import { IDEMPOTENCY_WINDOW_MS } from '../core/delivery-intake';
import type { DeliveryStore } from '../core/ports/delivery-store.port';
import { DELIVERY_OPTIONS, DELIVERY_STORE, DeliveryModuleOptions } from './delivery.tokens';

const PRUNE_EVERY_MS = 60_000;
/** How often undispatched operational events are looked for (one indexed read of a partial index; ADR 0012). */
const RELAY_EVERY_MS = 5_000;
const PRUNE_BATCH = 5_000;

/** Runs the engine's scheduler in every worker process (claims are exclusive, so replicas share the work). */
@Injectable()
export class DeliverySchedulerRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeliveryScheduler');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private lastPrune = 0;
  private lastRelay = 0;
  private lastWarning = 0;

  constructor(
    @Inject(DELIVERY_OPTIONS) private readonly options: DeliveryModuleOptions,
    @Inject(DELIVERY_STORE) private readonly store: DeliveryStore,
    private readonly engine: DeliveryEngine,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.runWorker) return;
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    // Jitter keeps the replicas' ticks apart.
    const interval = this.options.schedulerIntervalMs;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = null;
        this.schedule();
      });
    }, interval + Math.floor(Math.random() * interval * 0.2));
  }

  private async tick(): Promise<void> {
    try {
      await this.engine.scheduler.tick();
      const now = Date.now();
      if (now - this.lastRelay > RELAY_EVERY_MS) {
        this.lastRelay = now;
        const relayed = await this.engine.operationalEvents.relay();
        if (relayed > 0) this.logger.log(`relayed ${relayed} operational event(s) left undispatched`);
      }
      if (now - this.lastPrune > PRUNE_EVERY_MS) {
        this.lastPrune = now;
        await this.store.pruneIdempotencyKeys(now - IDEMPOTENCY_WINDOW_MS, PRUNE_BATCH);
      }
    } catch (error) {
      // Database or NATS unavailable: the next tick tries again; say so at most every 10 s.
      if (Date.now() - this.lastWarning > 10_000) {
        this.lastWarning = Date.now();
        this.logger.warn(`scheduler tick failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
