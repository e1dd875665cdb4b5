import type { DeliveryJobV2, DeliveryLane } from '@hookrelay/contracts';

/**
 * One job to publish. `messageId` de-duplicates a re-publish of the same job within the stream's duplicate
 * window; `traceparent` (the accepting request's trace context, or null) travels in the message headers.
 */
export interface JobToPublish {
  job: DeliveryJobV2;
  messageId: string;
  traceparent: string | null;
}

/** Publishes delivery jobs durably (JetStream): resolves once every job is stored by the broker. */
export interface JobPublisher {
  publish(lane: DeliveryLane, jobs: ReadonlyArray<JobToPublish>): Promise<void>;
}

/**
 * The job lanes' backlog: jobs stored but not yet handed to any worker. A job published before the oldest of
 * them is not waiting any more (the lanes hand jobs out in order); one published after it may be.
 */
export interface QueueBacklog {
  /** When the oldest job still waiting in either lane was stored (epoch ms, the queue's clock); null if none waits. */
  oldestWaitingAt(): Promise<number | null>;
}

/**
 * What a JobPublisher throws when the queue refused a job for lack of space (the job stream at its size
 * or message cap, discard new): nothing was stored for that job; the caller keeps it (in the database).
 */
export class JobQueueFullError extends Error {
  constructor(detail: string) {
    super(`the delivery job queue is full: ${detail}`);
    this.name = 'JobQueueFullError';
  }
}
