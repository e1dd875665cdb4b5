import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DELIVERY_JOB_SUBJECT_V1, DELIVERY_WORKERS_CONSUMER, DeliveryJob, STREAMS } from '@hookrelay/contracts';
import { NATS_CONNECTION } from '@hookrelay/messaging';
import {
  DeliveryAttemptEntity, DeliveryEntity, DeliveryRepository, EndpointHealthEntity, EndpointHealthRepository, SubscriptionSecretRepository, timeOrderedId,
} from '@hookrelay/persistence';
import { plainToInstance } from 'class-transformer';
import { Gauge } from 'prom-client';
import { validateSync } from 'class-validator';
import { AckPolicy, ConsumerMessages, DeliverPolicy, JetStreamManager, JsMsg, JSONCodec, NatsConnection, nanos } from 'nats';
import { nextEndpointHealth } from '../engine/endpoint-health.util';
import { planAttempt } from '../engine/plan-attempt.util';
import { retryPolicyFor } from '../engine/retry-policy-for.util';
import { settleAttempt } from '../engine/settle-attempt.util';
import { activeSigningSecrets } from '../signing/active-signing-secrets.util';
import { DeliverySealing } from './delivery-sealing';
import { deliveryMetrics } from './delivery.metrics';
import { DELIVERY_HTTP, DELIVERY_OPTIONS, DeliveryModuleOptions, HttpAttempter } from './delivery.tokens';
import { EndpointLimiter, endpointOf } from './endpoint-limiter';
import { keyOf } from './subscription-secrets.service';

const codec = JSONCodec<unknown>();
const USER_AGENT = 'Hookrelay/0.1 (+https://github.com/hookrelay)';
/** A job whose database work failed (e.g. the database is restarting) is retried after this long. */
const INFRA_RETRY_MS = 2_000;
/** A job for an endpoint at its concurrency cap comes back after this long (plus jitter). */
const ENDPOINT_BUSY_RETRY_MS = 100;

type Verdict = { ack: true } | { nakMs: number };

/**
 * Works the shared DELIVERY_JOBS queue: every replica of every service pulls from one durable consumer,
 * so adding a replica adds delivery capacity. One job = one look at one delivery row: attempt it if it
 * is due and this worker wins the claim, record the attempt, and either ack (closed) or nak with the
 * delay until the next attempt (the same message comes back then).
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DeliveryWorker');
  private readonly limiter: EndpointLimiter;
  private messages: ConsumerMessages | null = null;
  private loop: Promise<void> | null = null;
  private inFlight = 0;
  private slotWaiters: Array<() => void> = [];
  private idleWaiters: Array<() => void> = [];

  constructor(
    @Inject(DELIVERY_OPTIONS) private readonly options: DeliveryModuleOptions,
    @Inject(DELIVERY_HTTP) private readonly http: HttpAttempter,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly deliveries: DeliveryRepository,
    private readonly secrets: SubscriptionSecretRepository,
    private readonly sealing: DeliverySealing,
    private readonly health: EndpointHealthRepository,
  ) {
    this.limiter = new EndpointLimiter(options.maxPerEndpoint);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.runWorker) return;
    await ensureWorkerConsumer(await this.nc.jetstreamManager(), this.options.ackWaitMs);
    const consumer = await this.nc.jetstream().consumers.get(STREAMS.deliveryJobs.name, DELIVERY_WORKERS_CONSUMER);
    this.messages = await consumer.consume({ max_messages: this.options.concurrency });
    registerQueueDepthGauge(this.nc);
    this.loop = this.run(this.messages);
  }

  /** Stop pulling, then let the attempts in flight finish (they are recorded and acked). */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.messages) return;
    this.messages.stop();
    await this.loop;
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    await this.http.close();
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    for await (const msg of messages) {
      if (this.inFlight >= this.options.concurrency) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
      this.inFlight++;
      void this.handle(msg).finally(() => {
        this.inFlight--;
        this.slotWaiters.shift()?.();
        if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
      });
    }
  }

  private async handle(msg: JsMsg): Promise<void> {
    const job = parseJob(msg.data);
    if (!job) {
      this.logger.error(`dropping a malformed delivery job (seq ${msg.seq})`);
      msg.term();
      return;
    }
    let verdict: Verdict;
    try {
      verdict = await this.process(job);
    } catch (error) {
      this.logger.warn(`delivery ${job.deliveryId}: ${error instanceof Error ? error.message : String(error)}; retrying in ${INFRA_RETRY_MS} ms`);
      verdict = { nakMs: INFRA_RETRY_MS };
    }
    if ('nakMs' in verdict) msg.nak(verdict.nakMs);
    else msg.ack();
  }

  private async process(job: DeliveryJob): Promise<Verdict> {
    const seen = await this.deliveries.findById(job.tenantId, job.deliveryId);
    if (!seen || seen.state === 'CLOSED') return { ack: true };
    const dueIn = (seen.nextAttemptAt?.getTime() ?? 0) - Date.now();
    if (dueIn > 50) return { nakMs: dueIn };
    // A slot at the endpoint first, the claim second: a delivery deferred behind a slow receiver stays
    // OPEN and unattempted (a subscription change still applies to it), and it gives its worker slot
    // back instead of waiting in it, so one slow endpoint cannot starve the others.
    const release = this.limiter.tryAcquire(seen.url);
    if (!release) return { nakMs: ENDPOINT_BUSY_RETRY_MS + Math.floor(Math.random() * ENDPOINT_BUSY_RETRY_MS) };
    try {
      const now = new Date();
      const staleMs = Math.max(this.options.ackWaitMs - 10_000, Math.floor(this.options.ackWaitMs / 2));
      if (!(await this.deliveries.claim(job.tenantId, job.deliveryId, now, new Date(now.getTime() - staleMs)))) {
        // Another worker holds it. Keep this message until that claim would be stale: if its worker
        // died, this one takes over; if not, the delivery is closed or rescheduled by then.
        return { nakMs: staleMs };
      }
      // Read again after the claim: the row may have been retargeted or recalled meanwhile.
      const delivery = await this.deliveries.findById(job.tenantId, job.deliveryId);
      if (!delivery) return { ack: true };
      const endpoint = await this.health.find(delivery.tenantId, endpointOf(delivery.url));
      if (endpoint?.pausedAt) {
        // A paused endpoint gets no traffic; the delivery is visible as DISABLED until a user recalls it.
        await this.deliveries.closeClaimed(delivery.tenantId, delivery.id, 'DISABLED', new Date());
        deliveryMetrics.closed.inc({ source: delivery.source, close_reason: 'DISABLED' });
        return { ack: true };
      }
      return await this.attempt(delivery, endpoint);
    } finally {
      release();
    }
  }

  private async attempt(delivery: DeliveryEntity, endpoint: EndpointHealthEntity | null): Promise<Verdict> {
    const startedAt = new Date();
    const plan = planAttempt(delivery, {
      now: startedAt,
      secrets: await this.activeSecrets(delivery),
      authorization: this.sealing.openAuthorization(delivery.id, delivery.authorizationSealed),
      userAgent: USER_AGENT,
    });
    const outcome = await this.http.attempt(plan);
    const settledAt = new Date();
    const settled = settleAttempt(delivery, outcome.result, outcome.retryAfter, retryPolicyFor(delivery.policy, this.options.schedule), settledAt);
    const attempt = Object.assign(new DeliveryAttemptEntity(), {
      id: timeOrderedId(startedAt.getTime()),
      deliveryId: delivery.id,
      number: settled.attempts,
      attemptedAt: startedAt,
      durationMs: outcome.durationMs,
      statusCode: outcome.result.kind === 'response' ? outcome.result.status : null,
      error: outcome.result.kind === 'response' ? null : (outcome.error ?? settled.reason).slice(0, 500),
      responseSnippet: outcome.snippet,
    });
    await this.deliveries.recordAttempt(delivery.tenantId, delivery.id, {
      attempt,
      update: {
        state: settled.state, applicationState: settled.applicationState, closeReason: settled.closeReason, attempts: settled.attempts,
        nextAttemptAt: settled.nextAttemptAt, closedAt: settled.state === 'CLOSED' ? settledAt : null,
      },
    }, settledAt);
    deliveryMetrics.attempts.inc({ source: delivery.source, outcome: settled.outcome });
    deliveryMetrics.attemptSeconds.observe({ source: delivery.source }, outcome.durationMs / 1000);
    if (settled.closeReason) deliveryMetrics.closed.inc({ source: delivery.source, close_reason: settled.closeReason });
    const health = nextEndpointHealth(endpoint, settled.outcome, attempt.error ?? `HTTP ${attempt.statusCode}`, settledAt, this.options.pauseAfterMs);
    if (health) {
      await this.health.save(Object.assign(new EndpointHealthEntity(), { tenantId: delivery.tenantId, endpoint: endpointOf(delivery.url), ...health }));
      if (health.pausedAt && !endpoint?.pausedAt) this.logger.warn(`endpoint ${endpointOf(delivery.url)} of tenant ${delivery.tenantId} paused: ${health.lastError}`);
    }
    return settled.nextAttemptAt ? { nakMs: Math.max(0, settled.nextAttemptAt.getTime() - Date.now()) } : { ack: true };
  }

  private async activeSecrets(delivery: DeliveryEntity): Promise<string[]> {
    const stored = await this.secrets.find(delivery.tenantId, delivery.source, delivery.subscriptionId);
    if (!stored) return [];
    return activeSigningSecrets(this.sealing.openSecrets(keyOf(delivery), stored.secretsSealed), new Date());
  }
}

let queueGauge: Gauge | null = null;

/** Jobs waiting in the shared consumer (not yet delivered to a worker) and in flight (unacked), read at scrape time. */
function registerQueueDepthGauge(nc: NatsConnection): void {
  if (queueGauge) return;
  queueGauge = new Gauge({
    name: 'hookrelay_delivery_queue_jobs',
    help: 'Delivery jobs in the shared JetStream consumer: pending (waiting) and ack_pending (being worked or deferred)',
    labelNames: ['state'] as const,
    async collect() {
      try {
        const info = await (await nc.jetstreamManager()).consumers.info(STREAMS.deliveryJobs.name, DELIVERY_WORKERS_CONSUMER);
        this.set({ state: 'pending' }, info.num_pending);
        this.set({ state: 'ack_pending' }, info.num_ack_pending);
      } catch {
        // NATS unavailable during a scrape: keep the last values.
      }
    },
  });
}

function parseJob(data: Uint8Array): DeliveryJob | null {
  try {
    const job = plainToInstance(DeliveryJob, codec.decode(data));
    return validateSync(job).length === 0 ? job : null;
  } catch {
    return null;
  }
}

/** Creates the shared consumer, or brings its ack wait up to date; safe from every replica at once. */
async function ensureWorkerConsumer(jsm: JetStreamManager, ackWaitMs: number): Promise<void> {
  const config = {
    durable_name: DELIVERY_WORKERS_CONSUMER,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: DELIVERY_JOB_SUBJECT_V1,
    ack_wait: nanos(ackWaitMs),
    max_deliver: -1,
    max_ack_pending: 50_000,
  };
  try {
    const info = await jsm.consumers.info(STREAMS.deliveryJobs.name, DELIVERY_WORKERS_CONSUMER);
    if (info.config.ack_wait !== config.ack_wait) await jsm.consumers.update(STREAMS.deliveryJobs.name, DELIVERY_WORKERS_CONSUMER, { ack_wait: config.ack_wait });
  } catch {
    try {
      await jsm.consumers.add(STREAMS.deliveryJobs.name, config);
    } catch (error) {
      if (!/already|exists/i.test((error as Error).message)) throw error;
    }
  }
}
