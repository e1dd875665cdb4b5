import { DELIVERY_CONSUMERS_V2, DELIVERY_LANES, STREAMS, StreamDefinition } from '@hookrelay/contracts';
import { ensureStreams } from '@hookrelay/messaging';
import type { DatabaseTarget } from '@hookrelay/persistence';
import { SecretBox } from '@hookrelay/secrets';
import { connect, NatsConnection } from 'nats';
import { DeliveryEngine, EngineOptions } from '../lib/core/delivery-engine';
import { DeliverySealer } from '../lib/core/delivery-sealer';
import { systemClock } from '../lib/core/ports/clock.port';
import type { DeliveryStore } from '../lib/core/ports/delivery-store.port';
import { noMetrics } from '../lib/core/ports/engine-metrics.port';
import { DeliveryHttpClient } from '../lib/http/delivery-http.client';
import { DeliveryLaneWorkers } from '../lib/nest/delivery-lane.workers';
import { DeliverySchedulerRunner } from '../lib/nest/delivery-scheduler.runner';
import { createDeliveryStore } from '../lib/nest/delivery-store.factory';
import type { DeliveryModuleOptions } from '../lib/nest/delivery.tokens';
import { JetStreamJobQueue } from '../lib/nest/jetstream-job-queue';
import { NatsTargetChanges } from '../lib/nest/nats-target-changes';
import { WorkerPresence } from '../lib/nest/worker-presence';
import { TEST_ENGINE_OPTIONS, TEST_KEY } from './engine-harness';

/** One process's worth of the engine, wired as the Nest module wires it, on a real NATS and database. */
export interface EngineNode {
  engine: DeliveryEngine;
  store: DeliveryStore;
  nc: NatsConnection;
  queue: JetStreamJobQueue;
  /** Calls per store method (how many reads and writes the engine made). */
  calls: Map<string, number>;
  stop(): Promise<void>;
}

export interface EngineNodeOptions {
  natsUrl: string;
  database: DatabaseTarget;
  engine?: Partial<EngineOptions>;
  module?: Partial<DeliveryModuleOptions>;
  /** Run the lane workers and the scheduler (default true). */
  worker?: boolean;
  /** The job stream as the node ensures it (default STREAMS.deliveryJobs, no limits). */
  stream?: StreamDefinition;
}

/** Removes the job stream's messages and consumers: each test starts with empty lanes. */
export async function resetJobLanes(natsUrl: string): Promise<void> {
  const nc = await connect({ servers: natsUrl });
  try {
    await ensureStreams(nc, [STREAMS.deliveryJobs]);
    const jsm = await nc.jetstreamManager();
    for (const lane of DELIVERY_LANES) await jsm.consumers.delete(STREAMS.deliveryJobs.name, DELIVERY_CONSUMERS_V2[lane]).catch(() => undefined);
    await jsm.streams.purge(STREAMS.deliveryJobs.name);
  } finally {
    await nc.close();
  }
}

export async function startEngineNode(options: EngineNodeOptions): Promise<EngineNode> {
  const engineOptions: EngineOptions = { ...TEST_ENGINE_OPTIONS, ...options.engine };
  const moduleOptions: DeliveryModuleOptions = {
    engine: engineOptions, database: options.database, databasePoolSize: 4, runWorker: options.worker ?? true, freshConcurrency: 64, retryConcurrency: 16,
    ackWaitMs: 30_000, maxAckPending: 10_000, schedulerIntervalMs: 100, statsFlushMs: 1_000, attemptTimeoutCapMs: engineOptions.attemptTimeoutCapMs, allowCidrs: ['127.0.0.0/8'],
    publicUrls: [], httpClient: 'undici', encryptionKeys: TEST_KEY,
    retention: { horizonMs: 0, batchSize: 500, pauseMs: 0, intervalMs: 3_600_000 }, ...options.module,
  };
  const nc = await connect({ servers: options.natsUrl });
  await ensureStreams(nc, [options.stream ?? STREAMS.deliveryJobs]);
  const calls = new Map<string, number>();
  const store = counting(createDeliveryStore(options.database, 4), calls);
  const http = new DeliveryHttpClient({ allowCidrs: ['127.0.0.0/8'], connectionsPerOrigin: engineOptions.perEndpoint });
  const queue = new JetStreamJobQueue(nc);
  const changes = new NatsTargetChanges(nc);
  const presence = new WorkerPresence(nc);
  const engine = new DeliveryEngine({
    store, http, publisher: queue, backlog: queue, notifier: changes, sealer: new DeliverySealer(new SecretBox(TEST_KEY)), clock: systemClock, metrics: noMetrics,
    liveWorkers: () => presence.share(), warn: () => undefined,
  }, engineOptions);
  changes.listen(engine.cache);
  const workers = new DeliveryLaneWorkers(moduleOptions, nc, engine, queue, presence);
  const scheduler = new DeliverySchedulerRunner(moduleOptions, store, engine);
  await workers.onApplicationBootstrap();
  scheduler.onApplicationBootstrap();
  return {
    engine, store, nc, queue, calls,
    async stop() {
      await workers.beforeApplicationShutdown();
      await scheduler.onApplicationShutdown();
      changes.stop();
      queue.stop();
      await http.close();
      await store.close();
      await nc.drain().catch(() => nc.close());
    },
  };
}

/** The store, counting every call by method name. */
function counting(store: DeliveryStore, calls: Map<string, number>): DeliveryStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        calls.set(property, (calls.get(property) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
