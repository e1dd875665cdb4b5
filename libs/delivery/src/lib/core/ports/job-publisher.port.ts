import type { DeliveryJobV2, DeliveryLane } from '@hookrelay/contracts';

/**
 * Publishes delivery jobs durably (JetStream): resolves once every job is stored by the broker.
 * `messageId` de-duplicates a re-publish of the same job within the stream's duplicate window.
 */
export interface JobPublisher {
  publish(lane: DeliveryLane, jobs: ReadonlyArray<{ job: DeliveryJobV2; messageId: string }>): Promise<void>;
}

/** Whether the job lanes have messages not yet handed to any worker (a backlog): then no job is "lost" yet. */
export interface QueueBacklog {
  hasBacklog(): Promise<boolean>;
}
