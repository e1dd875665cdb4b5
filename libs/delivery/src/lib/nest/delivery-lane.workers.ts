import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DELIVERY_CONSUMERS_V2, DELIVERY_LANES, DeliveryLane, STREAMS } from '@hookrelay/contracts';
import { activeTracer, extractTraceHeaders, NATS_CONNECTION } from '@hookrelay/messaging';
import { context } from '@opentelemetry/api';
import { ConsumerMessages, JsMsg, NatsConnection } from 'nats';
import { DeliveryEngine } from '../core/delivery-engine';
import { DELIVERY_OPTIONS, DeliveryModuleOptions } from './delivery.tokens';
import { JetStreamJobQueue } from './jetstream-job-queue';
import { parseDeliveryJob } from './parse-delivery-job.util';
import { WorkerPresence } from './worker-presence';

/** Workers wait this long after announcing themselves before pulling, so the caps start divided. */
const PRESENCE_SETTLE_MS = 300;

/**
 * The JetStream side of the engine: one pull loop per lane (fresh, retry), each with its own bound on jobs
 * in hand, handing every job to the engine's processor and acking (or, when storage failed, nak-ing with a
 * short delay). Holding a job while it waits for a concurrency slot refreshes its ack timer (working()).
 */
@Injectable()
export class DeliveryLaneWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DeliveryWorkers');
  private readonly loops: Array<{ messages: ConsumerMessages; done: Promise<void> }> = [];
  private readonly inFlight: Record<DeliveryLane, number> = { fresh: 0, retry: 0 };
  private readonly slotWaiters: Record<DeliveryLane, Array<() => void>> = { fresh: [], retry: [] };
  private idleWaiters: Array<() => void> = [];

  constructor(
    @Inject(DELIVERY_OPTIONS) private readonly options: DeliveryModuleOptions,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly engine: DeliveryEngine,
    private readonly queue: JetStreamJobQueue,
    private readonly presence: WorkerPresence,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.runWorker) return;
    await this.queue.ensureConsumers(this.options.ackWaitMs, this.options.maxAckPending);
    this.presence.start();
    await new Promise((resolve) => setTimeout(resolve, PRESENCE_SETTLE_MS));
    for (const lane of DELIVERY_LANES) {
      const limit = this.limitOf(lane);
      const consumer = await this.nc.jetstream().consumers.get(STREAMS.deliveryJobs.name, DELIVERY_CONSUMERS_V2[lane]);
      const messages = await consumer.consume({ max_messages: Math.min(limit, 1000) });
      this.loops.push({ messages, done: this.run(lane, messages, limit) });
    }
  }

  /** Stop pulling, then let the jobs in hand finish (they are recorded and acked). */
  async beforeApplicationShutdown(): Promise<void> {
    for (const loop of this.loops) loop.messages.stop();
    await Promise.all(this.loops.map((loop) => loop.done));
    if (this.inFlight.fresh + this.inFlight.retry > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    this.presence.stop();
  }

  private limitOf(lane: DeliveryLane): number {
    return lane === 'fresh' ? this.options.freshConcurrency : this.options.retryConcurrency;
  }

  private async run(lane: DeliveryLane, messages: ConsumerMessages, limit: number): Promise<void> {
    for await (const msg of messages) {
      if (this.inFlight[lane] >= limit) await new Promise<void>((resolve) => this.slotWaiters[lane].push(resolve));
      this.inFlight[lane]++;
      void this.handle(msg).finally(() => {
        this.inFlight[lane]--;
        this.slotWaiters[lane].shift()?.();
        if (this.inFlight.fresh + this.inFlight.retry === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
      });
    }
  }

  private async handle(msg: JsMsg): Promise<void> {
    const job = parseDeliveryJob(msg.data);
    if (!job) {
      this.logger.error(`dropping a malformed delivery job (stream seq ${msg.seq})`);
      msg.term();
      return;
    }
    try {
      const work = () => this.engine.processor.handle(job, () => msg.working());
      // The job's trace context (its accept's span) is the parent of the attempt's span.
      const verdict = await (activeTracer() ? context.with(extractTraceHeaders(msg.headers), work) : work());
      if (verdict.kind === 'nak') msg.nak(verdict.delayMs);
      else msg.ack();
    } catch (error) {
      // The processor turns every expected failure into a verdict; this is a bug. Keep the job.
      this.logger.error(`delivery ${job.deliveryId}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      msg.nak(2_000);
    }
  }
}
