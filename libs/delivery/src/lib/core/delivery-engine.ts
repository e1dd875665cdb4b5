import { ConcurrencyGate, WorkerShare } from './concurrency-gate';
import { DeliveryIntake } from './delivery-intake';
import { DeliveryProcessor } from './delivery-processor';
import { DeliveryScheduler } from './delivery-scheduler';
import { DeliverySealer } from './delivery-sealer';
import type { EngineSettings } from './engine-settings.types';
import type { Clock } from './ports/clock.port';
import type { DeliveryStore } from './ports/delivery-store.port';
import type { EngineMetrics } from './ports/engine-metrics.port';
import type { DeliveryStatsSink } from './ports/delivery-stats.port';
import type { HttpAttempter } from './ports/http-attempter.port';
import type { JobPublisher, QueueBacklog } from './ports/job-publisher.port';
import type { TargetChangeNotifier } from './ports/target-change-notifier.port';
import type { EngineTrace } from './ports/engine-trace.port';
import { OperationalEventEmitter } from './operational-event-emitter';
import type { OperationalEvents } from './ports/operational-events.port';
import { SubscriptionTargets } from './subscription-targets';
import { QueueFullGuard } from './queue-full-guard';
import { TargetCache } from './target-cache';
import type { SubscriptionKey } from './ports/delivery-store.port';
import { previewAttemptHeaders } from '../engine/preview-attempt-headers.util';
import { activeSigningSecrets } from '../signing/active-signing-secrets.util';

/** After a publish refused for space, intake refuses requests this long unless a publish succeeds first. */
const QUEUE_FULL_HOLD_MS = 2_000;
/** What a refused client is told to wait: the workers drain a full lane in seconds once the receivers answer. */
export const QUEUE_FULL_RETRY_AFTER_SECONDS = 5;

export interface EnginePorts {
  store: DeliveryStore;
  publisher: JobPublisher;
  backlog: QueueBacklog;
  http: HttpAttempter;
  notifier: TargetChangeNotifier;
  sealer: DeliverySealer;
  clock: Clock;
  metrics: EngineMetrics;
  /** Where settled attempts are counted for the delivery stats (the Overview); none by default. */
  stats?: DeliveryStatsSink;
  /** Live worker processes, this one included, and this one's rank among them (caps are divided by them). */
  liveWorkers: () => WorkerShare;
  warn: (message: string) => void;
  random?: () => number;
  /** Spans around accepts and the trace context stored with each delivery; none by default. */
  trace?: EngineTrace;
  /** Where subscription.paused/resumed and delivery.exhausted go (ADR 0012); none by default. */
  operationalEvents?: OperationalEvents;
}

export interface EngineOptions extends EngineSettings {
  slots: number;
  perEndpoint: number;
  perTenant: number;
  /** Most jobs one endpoint may have waiting for a slot in one process (the rest are parked). */
  maxHoldPerEndpoint: number;
  cacheMaxEntries: number;
  cacheMaxAgeMs: number;
  schedulerBatch: number;
  /** How long an accept waits for the fresh jobs' PubAck (default FRESH_PUBLISH_WAIT_MS); tests shorten it. */
  freshPublishWaitMs?: number;
}

/**
 * The delivery engine, framework-free: accepting (intake), working one job (processor), the retry lane's
 * scheduler, and the subscription lifecycle (targets), over ports for the store, the job queue, HTTP,
 * change announcements and the clock. The Nest module and the JetStream loops only wire it (libs/delivery/nest).
 */
export class DeliveryEngine {
  readonly cache: TargetCache;
  readonly gate: ConcurrencyGate;
  readonly intake: DeliveryIntake;
  readonly processor: DeliveryProcessor;
  readonly scheduler: DeliveryScheduler;
  readonly targets: SubscriptionTargets;
  /** The operational events outbox: the scheduler runner calls its relay. */
  readonly operationalEvents: OperationalEventEmitter;

  constructor(private readonly ports: EnginePorts, private readonly options: EngineOptions) {
    const { store, sealer, clock, metrics, notifier } = ports;
    // Every publish goes through the guard: a refusal for space (intake or scheduler) makes intake answer 503.
    const publisher = new QueueFullGuard(ports.publisher, clock, QUEUE_FULL_HOLD_MS);
    this.cache = new TargetCache(store, sealer, clock, { maxEntries: options.cacheMaxEntries, maxAgeMs: options.cacheMaxAgeMs });
    this.gate = new ConcurrencyGate({ slots: options.slots, perEndpoint: options.perEndpoint, perTenant: options.perTenant, maxHoldPerEndpoint: options.maxHoldPerEndpoint }, ports.liveWorkers);
    this.operationalEvents = new OperationalEventEmitter(store, ports.operationalEvents, clock, ports.warn);
    const events = this.operationalEvents;
    this.targets = new SubscriptionTargets(store, sealer, notifier, clock, events);
    this.intake = new DeliveryIntake(
      store, publisher, { cache: this.cache, lifecycle: this.targets }, clock, metrics, options.leaseMs,
      (error) => ports.warn(`publishing fresh jobs failed, the scheduler takes them: ${String(error)}`), ports.trace, options.freshPublishWaitMs,
      { isFull: () => publisher.isFull(), retryAfterSeconds: QUEUE_FULL_RETRY_AFTER_SECONDS },
    );
    this.processor = new DeliveryProcessor({
      store, targets: this.cache, gate: this.gate, http: ports.http, sealer, clock, metrics, stats: ports.stats, notifier, settings: options, warn: ports.warn, random: ports.random, events,
    });
    this.scheduler = new DeliveryScheduler(store, publisher, ports.backlog, clock, { batch: options.schedulerBatch, maxRounds: 20, leaseMs: options.leaseMs });
  }

  /**
   * Deliver again now, on the same record and webhook-id — closed ones too. A recall is also the user action
   * that resumes a paused subscription (its deliveries closed DISABLED while paused are sent again).
   * False if the tenant has no such delivery.
   */
  async recall(tenantId: string, deliveryId: string): Promise<boolean> {
    const now = this.ports.clock.now();
    const row = await this.ports.store.recall(tenantId, deliveryId, now, now + this.options.leaseMs);
    if (!row) return false;
    const key = { tenantId, source: row.source, subscriptionId: row.subscriptionId };
    if (await this.targets.isPaused(key)) await this.targets.resume(key);
    // A failed publish hands the row back to the scheduler: the recall still happens.
    await this.scheduler.publish([row], now).catch((error) => this.ports.warn(`recall of ${deliveryId} queued for the scheduler: ${String(error)}`));
    return true;
  }

  /**
   * The headers an attempt of this delivery would send now, credentials masked (the console's detail view):
   * the subscription's current target, as the processor reads it (through the same cache), or — for a
   * delivery from before targets — what it was accepted with. Null when the subscription is gone.
   */
  async previewHeaders(key: SubscriptionKey, delivery: { id: string; headers: Record<string, string>; authorizationSealed: string | null }): Promise<Record<string, string> | null> {
    const target = await this.cache.get(key);
    if (target === null) return null;
    const now = new Date(this.ports.clock.now());
    let authorization = target.config?.authorization ?? null;
    if (!target.config && delivery.authorizationSealed !== null) {
      try {
        authorization = this.ports.sealer.openDeliveryAuthorization(delivery.id, delivery.authorizationSealed);
      } catch {
        // Unreadable (a rotated-away key): still shown as set, masked whole.
        authorization = 'unreadable';
      }
    }
    return previewAttemptHeaders(target.config?.headers ?? delivery.headers, {
      deliveryId: delivery.id, authorization, signed: activeSigningSecrets(target.secrets, now).length > 0, userAgent: this.options.userAgent,
    });
  }
}
