import type { DeliveryJobV2 } from '@hookrelay/contracts';
import type { Clock } from './ports/clock.port';
import type { DeliveryStore, DueDelivery } from './ports/delivery-store.port';
import type { JobPublisher, QueueBacklog } from './ports/job-publisher.port';
import { unqueueAll } from './unqueue-all.util';

export interface SchedulerOptions {
  /** Rows claimed per query. */
  batch: number;
  /** Queries per tick at most (batch × rounds bounds one tick's work). */
  maxRounds: number;
  leaseMs: number;
}

/**
 * The retry lane's source. Every tick it claims stored deliveries whose next look is due — retries at their
 * next attempt time, recalls, jobs parked behind a busy endpoint — and publishes them on the retry lane.
 * It also recovers lost jobs (published, but never answered before their lease ran out: a wiped stream, a
 * publish that failed after the commit, a PubAck lost with a NATS node). A job still waiting in the stream is
 * late, not lost, and must not be published twice: a row counts as lost only if its job was published before
 * the oldest job still waiting in the lanes (they hand jobs out in order), with a margin for a publish that
 * left the process late (see {@link lostUpTo}). So lost jobs come back while the lanes work through a backlog
 * of newer jobs, not only once it is gone. Claims are exclusive across replicas.
 */
export class DeliveryScheduler {
  constructor(
    private readonly store: Pick<DeliveryStore, 'claimDue' | 'unqueue'>,
    private readonly publisher: JobPublisher,
    private readonly backlog: QueueBacklog,
    private readonly clock: Clock,
    private readonly options: SchedulerOptions,
  ) {}

  /** One pass; returns how many jobs it published. */
  async tick(): Promise<number> {
    const oldestWaitingAt = await this.backlog.oldestWaitingAt().catch(() => UNKNOWN);
    let published = 0;
    for (let round = 0; round < this.options.maxRounds; round++) {
      const now = this.clock.now();
      const due = await this.store.claimDue(now, this.options.batch, lostUpTo(oldestWaitingAt, now, this.options.leaseMs), now + this.options.leaseMs);
      if (due.length === 0) break;
      await this.publish(due, now);
      published += due.length;
      if (due.length < this.options.batch) break;
    }
    return published;
  }

  /** Publishes claimed rows; on failure hands them back (due now) so the next tick tries again. */
  async publish(due: readonly DueDelivery[], now: number): Promise<void> {
    try {
      await this.publisher.publish('retry', due.map((row) => ({ job: jobOf(row), messageId: `${row.id}:v${row.version}:${now}`, traceparent: row.traceparent })));
    } catch (error) {
      await unqueueAll(this.store, due, now);
      throw error;
    }
  }
}

/** The backlog could not be read: no queued row counts as lost this tick. */
const UNKNOWN = Number.NEGATIVE_INFINITY;

/**
 * The latest wake_at of a queued row whose job may be taken as lost. A queued row's wake_at is its lease end:
 * the time its job was published (just after its commit) + leaseMs. The job is surely not waiting if it was
 * stored before the oldest waiting job; it left the process at most leaseMs / 2 (the ack wait) after the
 * commit (a publish later than that is given up on), so rows committed more than that before the oldest
 * waiting job qualify: wake_at < oldestWaitingAt + leaseMs / 2. No backlog: every row whose lease ran out.
 */
export function lostUpTo(oldestWaitingAt: number | null, now: number, leaseMs: number): number {
  if (oldestWaitingAt === null) return now;
  return Math.min(now, oldestWaitingAt + Math.floor(leaseMs / 2) - 1);
}

export function jobOf(row: DueDelivery): DeliveryJobV2 {
  return {
    tenantId: row.tenantId, deliveryId: row.id, source: row.source, subscriptionId: row.subscriptionId, event: row.event, payload: row.payload,
    attempts: row.attempts, version: row.version, applicationState: row.applicationState, createdAt: row.createdAt,
    snapshot: { url: row.url, headers: row.headers, policy: row.policy, authorizationSealed: row.authorizationSealed },
  };
}
