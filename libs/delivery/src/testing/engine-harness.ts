import type { DeliveryJobV2, DeliveryLane } from '@hookrelay/contracts';
import { SecretBox } from '@hookrelay/secrets';
import type { WorkerShare } from '../lib/core/concurrency-gate';
import { DeliveryEngine, EngineOptions } from '../lib/core/delivery-engine';
import { DeliverySealer } from '../lib/core/delivery-sealer';
import type { Clock } from '../lib/core/ports/clock.port';
import type { SubscriptionKey } from '../lib/core/ports/delivery-store.port';
import type { HttpAttempter } from '../lib/core/ports/http-attempter.port';
import { JobPublisher, JobQueueFullError, JobToPublish, QueueBacklog } from '../lib/core/ports/job-publisher.port';
import type { EngineTrace } from '../lib/core/ports/engine-trace.port';
import type { TargetChangeNotifier } from '../lib/core/ports/target-change-notifier.port';
import type { OperationalEvent, OperationalEvents } from '../lib/core/ports/operational-events.port';
import type { HttpAttemptRequest, HttpAttemptResult } from '../lib/http/http-attempt.types';
import { InMemoryDeliveryStore } from '../lib/store/memory/in-memory-delivery.store';
import { DeliveryStatsAggregator } from '../lib/stats/delivery-stats.aggregator';

/** Fixed test keys (base64 of 32 bytes). */
export const TEST_KEY = Buffer.alloc(32, 7).toString('base64');
export const OTHER_KEY = Buffer.alloc(32, 9).toString('base64');

export class ManualClock implements Clock {
  constructor(public t = 1_800_000_000_000) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** Captures published jobs per lane; `failNext` makes the next publish reject, `hangNext` never settle (a lost PubAck); `full` refuses every publish for space. */
export class CapturingPublisher implements JobPublisher, QueueBacklog {
  readonly published: Array<{ lane: DeliveryLane; job: DeliveryJobV2; messageId: string; traceparent: string | null }> = [];
  failNext = false;
  hangNext = false;
  full = false;
  /** What oldestWaitingAt answers: when the oldest job still waiting in the lanes was stored, or null. */
  oldestWaiting: number | null = null;

  async publish(lane: DeliveryLane, jobs: ReadonlyArray<JobToPublish>): Promise<void> {
    if (this.full) throw new JobQueueFullError('maximum bytes exceeded');
    if (this.failNext) {
      this.failNext = false;
      throw new Error('JetStream unavailable');
    }
    if (this.hangNext) {
      this.hangNext = false;
      return new Promise<void>(() => undefined);
    }
    for (const { job, messageId, traceparent } of jobs) this.published.push({ lane, job: structuredClone(job), messageId, traceparent });
  }

  async oldestWaitingAt(): Promise<number | null> {
    return this.oldestWaiting;
  }

  /** Takes (removes) every published job, optionally of one lane. */
  take(lane?: DeliveryLane): DeliveryJobV2[] {
    const taken = this.published.filter((p) => lane === undefined || p.lane === lane);
    for (const p of taken) this.published.splice(this.published.indexOf(p), 1);
    return taken.map((p) => p.job);
  }
}

type Responder = (request: HttpAttemptRequest) => HttpAttemptResult | Promise<HttpAttemptResult>;

/** An HTTP attempter that answers from a script and remembers every request. */
export class ScriptedHttp implements HttpAttempter {
  readonly requests: HttpAttemptRequest[] = [];
  constructor(public respond: Responder = () => ok(200)) {}

  async attempt(request: HttpAttemptRequest): Promise<HttpAttemptResult> {
    this.requests.push(request);
    return this.respond(request);
  }

  async close(): Promise<void> {
    return undefined;
  }
}

export function ok(status: number, extra: Partial<HttpAttemptResult> = {}): HttpAttemptResult {
  return { result: { kind: 'response', status }, durationMs: 3, snippet: '', ...extra };
}

/** Announcements reach the engine's own cache at once (one process). */
export class LocalNotifier implements TargetChangeNotifier {
  engine: DeliveryEngine | null = null;
  readonly announced: SubscriptionKey[] = [];
  async announce(key: SubscriptionKey): Promise<void> {
    this.announced.push(key);
    this.engine?.cache.invalidate(key);
  }
}

/** Remembers every dispatched operational event; `failing` makes dispatch reject (the engine must carry on). */
export class CapturingOperationalEvents implements OperationalEvents {
  readonly events: OperationalEvent[] = [];
  failing = false;

  async dispatch(event: OperationalEvent): Promise<string | null> {
    if (this.failing) throw new Error('NATS down');
    this.events.push(structuredClone(event));
    return null;
  }

  types(): string[] {
    return this.events.map((e) => `${e.type} ${e.data.source}/${e.data.subscriptionId}`);
  }
}

export const TEST_ENGINE_OPTIONS: EngineOptions = {
  schedule: { kind: 'list', delaysMs: [1_000, 2_000] },
  pauseAfterMs: 60_000,
  leaseMs: 120_000,
  userAgent: 'hookrelay-test',
  maxParkMs: 30_000,
  attemptTimeoutCapMs: 60_000,
  slots: 16,
  perEndpoint: 4,
  perTenant: 8,
  maxHoldPerEndpoint: 16,
  cacheMaxEntries: 1000,
  cacheMaxAgeMs: 60_000,
  schedulerBatch: 100,
};

export interface EngineHarness {
  engine: DeliveryEngine;
  store: InMemoryDeliveryStore;
  publisher: CapturingPublisher;
  http: ScriptedHttp;
  clock: ManualClock;
  notifier: LocalNotifier;
  sealer: DeliverySealer;
  warnings: string[];
  /** What the engine reported for the delivery stats (drain() it to see). */
  stats: DeliveryStatsAggregator;
  /** How many times the store's getTarget ran (database reads of targets). */
  targetReads: () => number;
}

/** A whole engine on in-memory ports: no I/O, time moves only when the test says so. */
/** `share` is read on every acquire: a test may change its rank or count as it goes. */
export function engineHarness(
  options: Partial<EngineOptions> = {}, share: WorkerShare = { count: 1, rank: 0 }, trace?: EngineTrace, operationalEvents?: OperationalEvents,
): EngineHarness {
  const store = new InMemoryDeliveryStore();
  let reads = 0;
  const getTarget = store.getTarget.bind(store);
  store.getTarget = (key) => {
    reads++;
    return getTarget(key);
  };
  const publisher = new CapturingPublisher();
  const http = new ScriptedHttp();
  const clock = new ManualClock();
  const notifier = new LocalNotifier();
  const sealer = new DeliverySealer(new SecretBox(TEST_KEY));
  const warnings: string[] = [];
  const stats = new DeliveryStatsAggregator();
  const engine = new DeliveryEngine({
    store, publisher, backlog: publisher, http, notifier, sealer, clock, metrics: { accepted: () => undefined, attempted: () => undefined, closed: () => undefined, parked: () => undefined }, stats,
    liveWorkers: () => share, warn: (message) => warnings.push(message), random: () => 0.5, trace, operationalEvents,
  }, { ...TEST_ENGINE_OPTIONS, ...options });
  notifier.engine = engine;
  return { engine, store, publisher, http, clock, notifier, sealer, warnings, stats, targetReads: () => reads };
}
