import type { DeliveryJobV2 } from '@hookrelay/contracts';
import { timeOrderedId } from '@hookrelay/persistence';
import type { EnginePolicy } from '../engine/delivery-policy.types';
import { nextEndpointHealth } from '../engine/endpoint-health.util';
import { planAttempt } from '../engine/plan-attempt.util';
import { retryPolicyFor } from '../engine/retry-policy-for.util';
import { settleAttempt, SettledAttempt } from '../engine/settle-attempt.util';
import type { HttpAttemptResult } from '../http/http-attempt.types';
import { activeSigningSecrets } from '../signing/active-signing-secrets.util';
import { ConcurrencyGate, originOf, Release } from './concurrency-gate';
import { DeliverySealer } from './delivery-sealer';
import type { EngineSettings } from './engine-settings.types';
import type { Clock } from './ports/clock.port';
import type { DeliveryStatsOutcome, DeliveryStatsSink } from './ports/delivery-stats.port';
import { noDeliveryStats } from './ports/delivery-stats.port';
import type { DeliveryStore, SubscriptionKey } from './ports/delivery-store.port';
import type { EngineMetrics } from './ports/engine-metrics.port';
import type { HttpAttempter } from './ports/http-attempter.port';
import type { TargetChangeNotifier } from './ports/target-change-notifier.port';
import type { OperationalEventEmitter } from './operational-event-emitter';
import { ResolvedTarget, TargetCache } from './target-cache';
import { withRetries } from './with-retries.util';

/** What to tell the queue about a job: done (ack), or give it back later (nak) because storage failed. */
export type Verdict = { kind: 'ack' } | { kind: 'nak'; delayMs: number };

/** A job that could not be stored or read (the database is restarting…) comes back after this long. */
export const INFRA_RETRY_MS = 2_000;
/** The error code of an attempt our side could not make (unreadable credential, a header the client refuses, a bug). */
export const NOT_SENT_CODE = 'EHOOKRELAY_NOT_SENT';

export interface ProcessorDeps {
  store: Pick<DeliveryStore, 'record' | 'closeUnattempted' | 'park' | 'setHealth'>;
  targets: TargetCache;
  gate: ConcurrencyGate;
  http: HttpAttempter;
  sealer: DeliverySealer;
  clock: Clock;
  metrics: EngineMetrics;
  /** The pre-aggregated delivery stats (memory only on this path); none by default. */
  stats?: DeliveryStatsSink;
  notifier: TargetChangeNotifier;
  settings: EngineSettings;
  warn: (message: string) => void;
  random?: () => number;
  /** subscription.paused by the circuit breaker, delivery.exhausted; never fails the job. */
  events: OperationalEventEmitter;
}

/**
 * One job, start to end: look up the subscription's target (cache: no database read in steady state),
 * close it unattempted if the target is gone or paused, wait for (or park behind) the concurrency caps,
 * attempt, and record the attempt with the delivery's new state in one group-committed write. Retries are
 * never held in the queue: the record hands a failed delivery to the scheduler at its next due time, and
 * the job is acked. Any error of ours after the attempt starts becomes a failed attempt with its reason.
 */
export class DeliveryProcessor {
  private readonly random: () => number;
  private readonly stats: DeliveryStatsSink;

  constructor(private readonly deps: ProcessorDeps) {
    this.random = deps.random ?? Math.random;
    this.stats = deps.stats ?? noDeliveryStats;
  }

  async handle(job: DeliveryJobV2, onWait: () => void = () => undefined): Promise<Verdict> {
    const key: SubscriptionKey = { tenantId: job.tenantId, source: job.source, subscriptionId: job.subscriptionId };
    let target: ResolvedTarget | null;
    try {
      target = await this.deps.targets.get(key);
    } catch (error) {
      return this.infraRetry(job, error);
    }
    if (target === null) return this.closeUnattempted(job, 'CANCELLED');
    if (target.pausedAt) return this.closeUnattempted(job, 'DISABLED');

    const url = target.config?.url ?? job.snapshot.url;
    const origin = originOf(url);
    const grant = this.deps.gate.acquire(job.tenantId, origin);
    if (grant === null) return this.park(job, origin);
    let release: Release;
    if (typeof grant === 'function') {
      release = grant;
    } else {
      onWait();
      release = await grant;
      // While it waited the subscription may have moved: a job for another origin starts over.
      const now = await this.deps.targets.get(key).catch(() => target);
      if (now !== target && originOf(now?.config?.url ?? job.snapshot.url) !== origin) {
        release();
        return this.handle(job, onWait);
      }
      if (now) target = now;
    }
    const current = target.config?.url ?? job.snapshot.url;
    // The slot guards the receiver: it is given back as soon as the HTTP exchange ends, not after the record.
    return this.attempt(job, key, target, current, release);
  }

  private async attempt(job: DeliveryJobV2, key: SubscriptionKey, target: ResolvedTarget, url: string, release: Release): Promise<Verdict> {
    const { clock, settings } = this.deps;
    const startedAt = clock.now();
    const policy = (target.config?.policy ?? job.snapshot.policy) as unknown as EnginePolicy;
    let outcome: HttpAttemptResult | null = null;
    try {
      outcome = await this.send(job, target, url, policy, startedAt);
    } finally {
      release(outcome?.durationMs);
    }
    const settledAt = clock.now();
    const settled = settleAttempt({ attempts: job.attempts, policy }, outcome.result, outcome.retryAfter, retryPolicyFor(policy, settings.schedule, this.random), new Date(settledAt));
    const error = outcome.result.kind === 'response' ? null : (outcome.error ?? settled.reason).slice(0, 500);
    const failure = error ?? `HTTP ${outcome.result.kind === 'response' ? outcome.result.status : ''}`;
    // Stored with the record that closes the delivery, in its transaction (the outbox; ADR 0012).
    const exhausted = settled.closeReason === 'EXHAUSTED' ? this.deps.events.prepare('delivery.exhausted', key, { url, reason: failure, deliveryId: job.deliveryId }) : null;
    try {
      const applied = await withRetries(() => this.deps.store.record({
        tenantId: job.tenantId,
        deliveryId: job.deliveryId,
        expectedVersion: job.version,
        attempt: {
          id: timeOrderedId(startedAt), deliveryId: job.deliveryId, number: settled.attempts, attemptedAt: startedAt, durationMs: outcome.durationMs,
          statusCode: outcome.result.kind === 'response' ? outcome.result.status : null, error, responseSnippet: outcome.snippet,
        },
        update: {
          state: settled.state, applicationState: settled.applicationState, closeReason: settled.closeReason, attempts: settled.attempts, url,
          nextAttemptAt: settled.nextAttemptAt?.getTime() ?? null, wakeAt: settled.nextAttemptAt?.getTime() ?? null,
          closedAt: settled.state === 'CLOSED' ? settledAt : null, updatedAt: settledAt,
        },
        event: exhausted?.row ?? null,
      }));
      this.deps.metrics.attempted(job.source, settled.outcome, outcome.durationMs / 1000);
      if (applied && settled.closeReason) this.deps.metrics.closed(job.source, settled.closeReason);
      // Stats budget per attempt: one in-memory add, zero database writes (the flusher writes every few seconds).
      // A record that did not apply was a stale copy of the job: another worker's record counts it.
      if (applied) this.stats.settled({ key, outcome: statsOutcome(settled.closeReason), durationMs: outcome.durationMs, at: settledAt });
      if (applied) await this.deps.events.dispatch(exhausted);
    } catch (recordError) {
      return this.infraRetry(job, recordError);
    }
    const notSent = outcome.result.kind === 'network' && outcome.result.code === NOT_SENT_CODE;
    if (!notSent) await this.updateHealth(key, target, settled, failure, settledAt);
    return { kind: 'ack' };
  }

  /** The HTTP attempt; anything that throws on our side is a failed attempt, never a stuck job. */
  private async send(job: DeliveryJobV2, target: ResolvedTarget, url: string, policy: EnginePolicy, now: number): Promise<HttpAttemptResult> {
    try {
      if (target.unreadable !== null) throw new Error(target.unreadable);
      const authorization = target.config
        ? target.config.authorization
        : this.deps.sealer.openDeliveryAuthorization(job.deliveryId, job.snapshot.authorizationSealed);
      const plan = planAttempt(
        { id: job.deliveryId, url, payload: job.payload, headers: target.config?.headers ?? job.snapshot.headers, policy, attempts: job.attempts, applicationState: job.applicationState },
        { now: new Date(now), secrets: activeSigningSecrets(target.secrets, new Date(now)), authorization, userAgent: this.deps.settings.userAgent },
      );
      const result = await this.deps.http.attempt({ ...plan, timeoutMs: Math.min(plan.timeoutMs, this.deps.settings.attemptTimeoutCapMs) });
      // Standard Webhooks: a receiver may ask for no more deliveries, like a 410.
      if (result.disableRequested && result.result.kind === 'response') return { ...result, result: { kind: 'response', status: 410 } };
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { result: { kind: 'network', code: NOT_SENT_CODE }, durationMs: Math.max(0, this.deps.clock.now() - now), snippet: '', error: `not sent: ${message}` };
    }
  }

  /** The per-subscription circuit breaker: written only when the health changes. */
  private async updateHealth(key: SubscriptionKey, target: ResolvedTarget, settled: SettledAttempt, reason: string, at: number): Promise<void> {
    const current = { failingSince: toDate(target.failingSince), pausedAt: toDate(target.pausedAt), lastError: target.lastError };
    const next = nextEndpointHealth(current, settled.outcome, reason, new Date(at), this.deps.settings.pauseAfterMs);
    if (!next) return;
    try {
      const change = { failingSince: next.failingSince?.getTime() ?? null, pausedAt: next.pausedAt?.getTime() ?? null, lastError: next.lastError };
      const paused = change.pausedAt !== null ? this.deps.events.prepare('subscription.paused', key, { url: target.config?.url ?? null, reason: next.lastError }) : null;
      if (!(await this.deps.store.setHealth(key, change, at, true, paused?.row ?? null))) return;
      // Our own copy changes now (the announcement reaches this process too, a little later).
      target.failingSince = change.failingSince;
      target.pausedAt = change.pausedAt;
      target.lastError = change.lastError;
      this.deps.targets.invalidate(key);
      await this.deps.notifier.announce(key);
      if (change.pausedAt !== null) {
        this.deps.warn(`subscription ${key.source}/${key.subscriptionId} of tenant ${key.tenantId} paused: ${next.lastError}`);
        await this.deps.events.dispatch(paused);
      }
    } catch (error) {
      this.deps.warn(`health of subscription ${key.source}/${key.subscriptionId} not updated: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async closeUnattempted(job: DeliveryJobV2, reason: 'CANCELLED' | 'DISABLED'): Promise<Verdict> {
    try {
      const at = this.deps.clock.now();
      if (await this.deps.store.closeUnattempted(job.tenantId, job.deliveryId, job.version, reason, at)) {
        this.deps.metrics.closed(job.source, reason);
        const key = { tenantId: job.tenantId, source: job.source, subscriptionId: job.subscriptionId };
        if (reason === 'DISABLED') this.stats.settled({ key, outcome: 'disabled', durationMs: null, at });
      }
      return { kind: 'ack' };
    } catch (error) {
      return this.infraRetry(job, error);
    }
  }

  /**
   * The endpoint (or tenant) is at its cap with a full line: store the job's next look in the database and
   * let the queue move on. It comes back when the endpoint should have room for it (ConcurrencyGate.parkDelay:
   * parked jobs are spaced at the endpoint's own pace), at most maxParkMs later.
   */
  private async park(job: DeliveryJobV2, origin: string): Promise<Verdict> {
    const now = this.deps.clock.now();
    const delay = Math.min(this.deps.settings.maxParkMs, this.deps.gate.parkDelay(job.tenantId, origin, now));
    const wakeAt = now + Math.round(delay * (0.9 + 0.2 * this.random()));
    try {
      await this.deps.store.park(job.tenantId, job.deliveryId, job.version, wakeAt);
      this.deps.metrics.parked(job.source);
      return { kind: 'ack' };
    } catch (error) {
      return this.infraRetry(job, error);
    }
  }

  private infraRetry(job: DeliveryJobV2, error: unknown): Verdict {
    this.deps.warn(`delivery ${job.deliveryId}: ${error instanceof Error ? error.message : String(error)}; the job comes back in ${INFRA_RETRY_MS} ms`);
    return { kind: 'nak', delayMs: INFRA_RETRY_MS };
  }
}

/** The Overview's bucket of an applied attempt record: by how it closed the delivery, or retrying when it stays open. */
function statsOutcome(closeReason: SettledAttempt['closeReason']): DeliveryStatsOutcome {
  switch (closeReason) {
    case 'DELIVERED':
      return 'delivered';
    case 'EXHAUSTED':
      return 'failed';
    case 'DISABLED':
      return 'disabled';
    case null:
      return 'retrying';
  }
}

function toDate(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}
