import { BeforeApplicationShutdown, DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown, Provider } from '@nestjs/common';
import { activeTracer, NATS_CONNECTION } from '@hookrelay/messaging';
import { DeliveryRepository, DeliveryStatsRepository, OperationalEventRepository, OperationalWebhookRepository, repositoryProvider } from '@hookrelay/persistence';
import { SecretBox } from '@hookrelay/secrets';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { DeliveryEngine } from '../core/delivery-engine';
import { DeliverySealer } from '../core/delivery-sealer';
import { systemClock } from '../core/ports/clock.port';
import type { DeliveryStore } from '../core/ports/delivery-store.port';
import type { HttpAttempter } from '../core/ports/http-attempter.port';
import { TargetUrlPolicy } from '../http/target-url.policy';
import { DeliveryStatsAggregator } from '../stats/delivery-stats.aggregator';
import { DeliveryLaneWorkers } from './delivery-lane.workers';
import { DeliveryStatsFlusher } from './delivery-stats.flusher';
import { DeliveryStats } from './delivery-stats.service';
import { DeliveryLog } from './delivery-log.service';
import { DeliveryRetentionRunner } from './delivery-retention.runner';
import { RetentionTasks } from '../retention/retention-tasks.registry';
import { DeliverySchedulerRunner } from './delivery-scheduler.runner';
import { createDeliveryStore } from './delivery-store.factory';
import { createHttpAttempter } from './delivery-http.factory';
import { prometheusEngineMetrics } from './delivery.metrics';
import { DELIVERY_HTTP, DELIVERY_OPTIONS, DELIVERY_STORE, DeliveryModuleOptions } from './delivery.tokens';
import { JetStreamJobQueue } from './jetstream-job-queue';
import { NatsTargetChanges } from './nats-target-changes';
import { registerQueueDepthGauge } from './queue-depth.gauge';
import { WorkerPresence } from './worker-presence';
import { OTEL_ENGINE_TRACE } from './otel-engine.trace';
import { TracedHttpAttempter } from './traced-http.attempter';
import { OperationalEventDelivery, OperationalEventsDispatcher } from './operational-events.dispatcher';
import { OperationalWebhooks } from './operational-webhooks.service';
import { OperationalEventLog } from './operational-event-log.service';

/** Closes what the engine opened, after the workers have finished their jobs. */
@Injectable()
class DeliveryResources implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(DELIVERY_STORE) private readonly store: DeliveryStore,
    @Inject(DELIVERY_OPTIONS) private readonly options: DeliveryModuleOptions,
    private readonly stats: DeliveryStatsFlusher,
    @Inject(DELIVERY_HTTP) private readonly http: HttpAttempter,
    private readonly changes: NatsTargetChanges,
    private readonly queue: JetStreamJobQueue,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.runWorker) this.stats.start();
  }

  beforeApplicationShutdown(): void {
    this.changes.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    this.queue.stop();
    // The workers have finished (their beforeApplicationShutdown): the last stats go out before the store closes.
    await this.stats.stop();
    await this.http.close();
    await this.store.close();
  }
}

/**
 * The Nest adapter of the delivery engine: builds the framework-free DeliveryEngine on its ports (the store
 * for the configured database, JetStream lanes, the HTTP client, NATS change announcements, presence) and
 * runs its loops in worker processes. Needs from the app: PersistenceModule with the `delivery` schema
 * (its DataSource runs the migrations first) and NatsConnectionModule. Exports DeliveryEngine, DeliveryLog, DeliveryStats and
 * the TargetUrlPolicy the services check a subscription's URL with when it is registered.
 */
@Module({})
export class DeliveryModule {
  static forRoot(options: DeliveryModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: DELIVERY_OPTIONS, useValue: options },
      // DataSource first: its factory has run the delivery schema's migrations before the store opens.
      { provide: DELIVERY_STORE, useFactory: (_migrated: DataSource) => createDeliveryStore(options.database, options.databasePoolSize), inject: [DataSource] },
      {
        provide: DELIVERY_HTTP,
        // The tracing wrapper only when it has work to do: with tracing off an attempt costs nothing extra.
        useFactory: () => (activeTracer() || options.sendTraceparent ? new TracedHttpAttempter(createHttpAttempter(options), options.sendTraceparent ?? false) : createHttpAttempter(options)),
      },
      // The same allow-list and own origins the attempts are judged by, for registration-time checks.
      { provide: TargetUrlPolicy, useFactory: () => TargetUrlPolicy.fromSettings(options.allowCidrs, options.publicUrls) },
      { provide: JetStreamJobQueue, useFactory: (nc: NatsConnection) => new JetStreamJobQueue(nc), inject: [NATS_CONNECTION] },
      { provide: NatsTargetChanges, useFactory: (nc: NatsConnection) => new NatsTargetChanges(nc), inject: [NATS_CONNECTION] },
      { provide: WorkerPresence, useFactory: (nc: NatsConnection) => new WorkerPresence(nc), inject: [NATS_CONNECTION] },
      { provide: DeliveryStatsAggregator, useFactory: () => new DeliveryStatsAggregator() },
      {
        provide: DeliveryStatsFlusher,
        useFactory: (store: DeliveryStore, aggregator: DeliveryStatsAggregator) => {
          const logger = new Logger('DeliveryStats');
          return new DeliveryStatsFlusher(store, aggregator, options.statsFlushMs, (message) => logger.warn(message));
        },
        inject: [DELIVERY_STORE, DeliveryStatsAggregator],
      },
      {
        provide: DeliveryEngine,
        useFactory: (
          store: DeliveryStore, http: HttpAttempter, queue: JetStreamJobQueue, changes: NatsTargetChanges, presence: WorkerPresence, stats: DeliveryStatsAggregator,
          nc: NatsConnection, webhooks: OperationalWebhookRepository,
        ) => {
          const logger = new Logger('DeliveryEngine');
          // The dispatcher delivers through the engine it reports for: bound once the engine exists.
          const deliveryOf = (): OperationalEventDelivery => ({
            target: (key) => engine.cache.get(key),
            accept: (delivery, key) => engine.intake.accept([delivery], { idempotency: { tenantId: delivery.tenantId, key }, reply: ([id]) => id! }),
          });
          const warn = (message: string): void => logger.warn(message);
          const engine: DeliveryEngine = new DeliveryEngine({
            store, http, publisher: queue, backlog: queue, notifier: changes, sealer: new DeliverySealer(new SecretBox(options.encryptionKeys)),
            clock: systemClock, metrics: prometheusEngineMetrics, stats, liveWorkers: () => presence.share(), warn,
            trace: activeTracer() ? OTEL_ENGINE_TRACE : undefined,
            operationalEvents: new OperationalEventsDispatcher(webhooks, nc, deliveryOf),
          }, options.engine);
          changes.listen(engine.cache);
          if (options.runWorker) registerQueueDepthGauge(queue);
          return engine;
        },
        inject: [
          DELIVERY_STORE, DELIVERY_HTTP, JetStreamJobQueue, NatsTargetChanges, WorkerPresence, DeliveryStatsAggregator, NATS_CONNECTION, OperationalWebhookRepository,
        ],
      },
      repositoryProvider(DeliveryRepository),
      repositoryProvider(DeliveryStatsRepository),
      repositoryProvider(OperationalEventRepository),
      repositoryProvider(OperationalWebhookRepository),
      OperationalWebhooks,
      OperationalEventLog,
      DeliveryLog,
      DeliveryStats,
      DeliveryLaneWorkers,
      DeliverySchedulerRunner,
      RetentionTasks,
      DeliveryRetentionRunner,
      DeliveryResources,
    ];
    return { module: DeliveryModule, global: true, providers, exports: [DeliveryEngine, DeliveryLog, DeliveryStats, TargetUrlPolicy, RetentionTasks, OperationalWebhooks, OperationalEventLog] };
  }
}
