import type { DeliveryJobV2 } from '@hookrelay/contracts';
import { timeOrderedId } from '@hookrelay/persistence';
import type { EnginePolicy } from '../engine/delivery-policy.types';
import { keyString } from './delivery-sealer';
import type { Clock } from './ports/clock.port';
import type { DeliverySource, DeliveryStore, NewDeliveryRow, SubscriptionKey } from './ports/delivery-store.port';
import type { EngineMetrics } from './ports/engine-metrics.port';
import { EngineTrace, NO_ENGINE_TRACE } from './ports/engine-trace.port';
import { DeliveryQueueFullError } from './delivery-queue-full.error';
import type { JobPublisher } from './ports/job-publisher.port';
import type { SubscriptionTargets } from './subscription-targets';
import type { TargetCache } from './target-cache';
import { unqueueAll } from './unqueue-all.util';

/**
 * One delivery to accept: what to send, where, under which policy (as the subscription is now). Its
 * `headers` and `authorization` are not stored with it: attempts take them from the subscription's target;
 * they only give a target from before targets had a config (only its secrets known) that config.
 */
export interface NewDelivery {
  tenantId: string;
  source: DeliverySource;
  subscriptionId: string;
  url: string;
  event: string;
  /** The exact JSON body to send. */
  payload: string;
  headers: Record<string, string>;
  policy: EnginePolicy;
  /** A full Authorization header value (Basic …/Bearer …); null for none. */
  authorization: string | null;
}

export interface AcceptOptions<R> {
  /** The client's Idempotency-Key (or NATS message id), already scoped by the caller; at most 300 chars. */
  idempotency?: { tenantId: string; key: string } | undefined;
  /** The answer for this request, from the new deliveries' ids; repeated as is for a repeated key. */
  reply: (ids: string[]) => R;
}

/** A stored idempotency key is honoured for this long. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 3_600_000;

/**
 * How long an accept waits for the fresh jobs' PubAck before handing the rows to the scheduler and answering.
 * A PubAck lost with a JetStream stream leader (a cluster node killed) would otherwise hold the request for the
 * publisher's whole timeout (10 s): clients give up first and retry, and the event they were refused is
 * delivered twice under two webhook-ids. Well above a PubAck's normal round trip (milliseconds).
 */
export const FRESH_PUBLISH_WAIT_MS = 2_000;

/**
 * Accepting: one group-committed write for the request's deliveries (and its idempotency key), then one
 * JetStream publish per delivery on the fresh lane. "Accepted" means committed: if the publish fails, the
 * rows are handed to the scheduler (unqueue) and still go out; the caller is not told to retry. A PubAck that
 * takes longer than `publishWaitMs` counts as failed (the publish may still land: at worst one more delivery
 * with the same webhook-id).
 * While the queue is known to be full (QueueFullGuard) a request is refused before anything is stored:
 * 503 with Retry-After, never an error for something then delivered.
 *
 * A delivery carries no credentials (no custom headers, no Authorization): its row and its job reference
 * the subscription's target, where they are sealed once, so nothing is copied per delivery, nothing stays
 * behind when it closes, and a recall uses the subscription's current credentials. The target of each
 * subscription is looked up in the process's TargetCache (no read in steady state); one that has no config
 * yet is adopted with the delivery's values first.
 */
export class DeliveryIntake {
  constructor(
    private readonly store: Pick<DeliveryStore, 'accept' | 'unqueue'>,
    private readonly publisher: JobPublisher,
    private readonly targets: { cache: Pick<TargetCache, 'get' | 'invalidate'>; lifecycle: Pick<SubscriptionTargets, 'adopt'> },
    private readonly clock: Clock,
    private readonly metrics: EngineMetrics,
    private readonly leaseMs: number,
    private readonly onPublishFailure: (error: unknown) => void = () => undefined,
    private readonly trace: EngineTrace = NO_ENGINE_TRACE,
    private readonly publishWaitMs: number = FRESH_PUBLISH_WAIT_MS,
    private readonly queueFull: { isFull(): boolean; retryAfterSeconds: number } = { isFull: () => false, retryAfterSeconds: 0 },
  ) {}

  /** @throws DeliveryQueueFullError (before anything is stored) while the job queue is known to be full. */
  async accept<R>(items: readonly NewDelivery[], options: AcceptOptions<R>): Promise<R> {
    if (items.length > 0 && this.queueFull.isFull()) throw new DeliveryQueueFullError(this.queueFull.retryAfterSeconds);
    return this.trace.accept(items.length, (traceparent) => this.acceptIn(items, options, traceparent));
  }

  private async acceptIn<R>(items: readonly NewDelivery[], options: AcceptOptions<R>, traceparent: string | null): Promise<R> {
    await this.adoptUnconfigured(items);
    const now = this.clock.now();
    const rows: NewDeliveryRow[] = items.map((item) => ({
      id: timeOrderedId(now), tenantId: item.tenantId, source: item.source, subscriptionId: item.subscriptionId, url: item.url, event: item.event,
      payload: item.payload, headers: {}, policy: item.policy, authorizationSealed: null, traceparent, createdAt: now, wakeAt: now + this.leaseMs,
    }));
    const reply = options.reply(rows.map((row) => row.id));
    const claim = options.idempotency && {
      tenantId: options.idempotency.tenantId, key: options.idempotency.key, reply: JSON.stringify(reply), notBefore: now - IDEMPOTENCY_WINDOW_MS,
    };
    const outcome = await this.store.accept(rows, claim);
    if (outcome.kind === 'duplicate') return JSON.parse(outcome.reply) as R;
    const counts = new Map<DeliverySource, number>();
    for (const row of rows) counts.set(row.source, (counts.get(row.source) ?? 0) + 1);
    counts.forEach((count, source) => this.metrics.accepted(source, count));
    await this.publishFresh(rows, now);
    return reply;
  }

  /** Targets that only know their secrets get their subscription's config before a delivery relies on it. */
  private async adoptUnconfigured(items: readonly NewDelivery[]): Promise<void> {
    const first = new Map<string, NewDelivery>();
    for (const item of items) first.set(keyString(item), first.get(keyString(item)) ?? item);
    await Promise.all([...first.values()].map(async (item) => {
      const key: SubscriptionKey = { tenantId: item.tenantId, source: item.source, subscriptionId: item.subscriptionId };
      const target = await this.targets.cache.get(key);
      if (target === null || target.config !== null) return;
      if (await this.targets.lifecycle.adopt(key, { url: item.url, headers: item.headers, policy: item.policy, authorization: item.authorization })) {
        this.targets.cache.invalidate(key);
      }
    }));
  }

  private async publishFresh(rows: readonly NewDeliveryRow[], now: number): Promise<void> {
    if (rows.length === 0) return;
    const publishing = this.publisher.publish('fresh', rows.map((row) => ({ job: freshJob(row), messageId: `${row.id}:fresh`, traceparent: row.traceparent })));
    let timer: NodeJS.Timeout | undefined;
    const tooLate = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no PubAck within ${this.publishWaitMs} ms (the scheduler publishes the jobs)`)), this.publishWaitMs);
    });
    try {
      await Promise.race([publishing, tooLate]);
    } catch (error) {
      // Settles later or never: the outcome no longer matters.
      publishing.catch(() => undefined);
      this.onPublishFailure(error);
      // Committed already: the scheduler publishes them.
      await unqueueAll(this.store, rows, now);
    } finally {
      clearTimeout(timer);
    }
  }
}

function freshJob(row: NewDeliveryRow): DeliveryJobV2 {
  return {
    tenantId: row.tenantId, deliveryId: row.id, source: row.source, subscriptionId: row.subscriptionId, event: row.event, payload: row.payload,
    attempts: 0, version: 0, applicationState: 'NEW', createdAt: row.createdAt,
    snapshot: { url: row.url, headers: row.headers, policy: row.policy, authorizationSealed: row.authorizationSealed },
  };
}
