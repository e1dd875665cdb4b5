import { DELIVERY_CONSUMERS_V2, DELIVERY_JOB_SUBJECTS_V2, DELIVERY_LANES, DeliveryJobV2, DeliveryLane, STREAMS } from '@hookrelay/contracts';
import { isTransientJetStreamError, retryTransient } from '@hookrelay/messaging';
import { AckPolicy, DeliverPolicy, JetStreamManager, JSONCodec, MsgRequest, NatsConnection, nanos } from 'nats';
import { JobPublisher, JobQueueFullError, JobToPublish, QueueBacklog } from '../core/ports/job-publisher.port';
import { JetStreamPubAcks } from './jetstream-pub-acks';

const codec = JSONCodec<DeliveryJobV2>();
/** oldestWaitingAt() is asked every scheduler tick; the consumer info behind it is re-read at most this often. */
const BACKLOG_CACHE_MS = 1_000;
/** How long a boot keeps retrying the lanes' consumer set-up while JetStream times out or is busy. */
const CONSUMER_SETUP_RETRY_MS = 60_000;
/** JetStream's PubAck errors for a stream at a cap under discard new. */
const STREAM_FULL = /maximum (bytes|messages|messages per subject) exceeded|insufficient (storage )?resources/i;

/** The job lanes on JetStream: durable publish (waits for the PubAck) and the lanes' backlog. */
export class JetStreamJobQueue implements JobPublisher, QueueBacklog {
  private backlog: { at: number; value: number | null } | null = null;
  private readonly acks: JetStreamPubAcks;

  constructor(private readonly nc: NatsConnection) {
    this.acks = new JetStreamPubAcks(nc);
  }

  async publish(lane: DeliveryLane, jobs: ReadonlyArray<JobToPublish>): Promise<void> {
    const subject = DELIVERY_JOB_SUBJECTS_V2[lane];
    await Promise.all(jobs.map(({ job, messageId, traceparent }) => this.acks.publish(subject, codec.encode(job), messageId, traceparent))).catch((error: unknown) => {
      // The job stream (discard new) at its byte or message cap: say so in the port's terms.
      const message = error instanceof Error ? error.message : String(error);
      throw STREAM_FULL.test(message) ? new JobQueueFullError(message) : error;
    });
  }

  stop(): void {
    this.acks.stop();
  }

  /**
   * When the oldest job not yet handed to a worker in either lane was stored (the stream's timestamp), or null.
   * Per lane: the consumer's next message is the first of its subject after the last stream sequence it
   * delivered (a direct read of that one message, STREAM.MSG.GET next_by_subj).
   */
  async oldestWaitingAt(): Promise<number | null> {
    const now = Date.now();
    if (this.backlog && now - this.backlog.at < BACKLOG_CACHE_MS) return this.backlog.value;
    const jsm = await this.nc.jetstreamManager();
    let oldest: number | null = null;
    for (const lane of DELIVERY_LANES) {
      const info = await jsm.consumers.info(STREAMS.deliveryJobs.name, DELIVERY_CONSUMERS_V2[lane]);
      if (info.num_pending === 0) continue;
      const at = await storedAt(jsm, info.delivered.stream_seq + 1, DELIVERY_JOB_SUBJECTS_V2[lane]);
      // None found after the last delivered one: the count was stale (taken or removed meanwhile), nothing waits.
      if (at !== null) oldest = oldest === null ? at : Math.min(oldest, at);
    }
    this.backlog = { at: now, value: oldest };
    return oldest;
  }

  /** Both lanes' consumers exist with the configured ack wait and ack-pending limit; safe from every replica at once. */
  async ensureConsumers(ackWaitMs: number, maxAckPending: number): Promise<void> {
    const jsm = await this.nc.jetstreamManager();
    for (const lane of DELIVERY_LANES) {
      const name = DELIVERY_CONSUMERS_V2[lane];
      const config = {
        durable_name: name, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, filter_subject: DELIVERY_JOB_SUBJECTS_V2[lane],
        ack_wait: nanos(ackWaitMs), max_deliver: -1, max_ack_pending: maxAckPending,
      };
      // Every replica of every service boots at once: a JetStream cluster may answer the burst with a TIMEOUT.
      await retryTransient(async () => {
        try {
          const info = await jsm.consumers.info(STREAMS.deliveryJobs.name, name);
          if (info.config.ack_wait !== config.ack_wait || info.config.max_ack_pending !== maxAckPending) {
            await jsm.consumers.update(STREAMS.deliveryJobs.name, name, { ack_wait: config.ack_wait, max_ack_pending: maxAckPending });
          }
        } catch (infoError) {
          if (isTransientJetStreamError(infoError)) throw infoError;
          try {
            await jsm.consumers.add(STREAMS.deliveryJobs.name, config);
          } catch (error) {
            if (!/already|exists/i.test((error as Error).message)) throw error;
          }
        }
      }, CONSUMER_SETUP_RETRY_MS);
    }
  }

  /** Jobs waiting (pending) and handed out but unanswered (ack_pending), per lane, for the metrics. */
  async depth(): Promise<Array<{ lane: DeliveryLane; pending: number; ackPending: number }>> {
    const jsm = await this.nc.jetstreamManager();
    const out: Array<{ lane: DeliveryLane; pending: number; ackPending: number }> = [];
    for (const lane of DELIVERY_LANES) {
      const info = await jsm.consumers.info(STREAMS.deliveryJobs.name, DELIVERY_CONSUMERS_V2[lane]);
      out.push({ lane, pending: info.num_pending, ackPending: info.num_ack_pending });
    }
    return out;
  }
}

/** The stored time of the first message of `subject` at or after `seq` in the job stream; null if there is none. */
async function storedAt(jsm: JetStreamManager, seq: number, subject: string): Promise<number | null> {
  try {
    // nats.js types STREAM.MSG.GET's next_by_subj only for direct gets; the server (2.9+) takes it here too.
    const query = { seq, next_by_subj: subject } as unknown as MsgRequest;
    return (await jsm.streams.getMessage(STREAMS.deliveryJobs.name, query)).time.getTime();
  } catch (error) {
    if ((error as { code?: unknown }).code === '404' || /no message found/i.test((error as Error).message)) return null;
    throw error;
  }
}
