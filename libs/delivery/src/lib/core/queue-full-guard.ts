import type { Clock } from './ports/clock.port';
import { JobPublisher, JobQueueFullError } from './ports/job-publisher.port';

/**
 * Remembers that the job queue is full, so intake refuses new deliveries BEFORE committing them (503 with
 * Retry-After) instead of accepting work the queue cannot take. Every publish of the engine (intake and the
 * scheduler) goes through it: a publish refused for space marks the queue full, a successful one clears the
 * mark; the mark also lapses after `holdMs` so one later request probes the queue again (if that one's
 * publish is refused too, it is still accepted: it was committed, the scheduler publishes it once there is
 * space). Per process: each replica learns from its own publishes.
 */
export class QueueFullGuard implements JobPublisher {
  private fullAt: number | null = null;

  constructor(private readonly inner: JobPublisher, private readonly clock: Clock, private readonly holdMs: number) {}

  async publish(...args: Parameters<JobPublisher['publish']>): Promise<void> {
    try {
      await this.inner.publish(...args);
      this.fullAt = null;
    } catch (error) {
      if (error instanceof JobQueueFullError) this.fullAt = this.clock.now();
      throw error;
    }
  }

  isFull(): boolean {
    return this.fullAt !== null && this.clock.now() - this.fullAt < this.holdMs;
  }
}
