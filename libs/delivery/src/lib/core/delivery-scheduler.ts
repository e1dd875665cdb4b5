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
 * publish that failed after the commit) — but only while the lanes have no backlog: a job still waiting
 * in the stream is late, not lost, and must not be published twice. Claims are exclusive across replicas.
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
    const includeLost = !(await this.backlog.hasBacklog().catch(() => true));
    let published = 0;
    for (let round = 0; round < this.options.maxRounds; round++) {
      const now = this.clock.now();
      const due = await this.store.claimDue(now, this.options.batch, includeLost, now + this.options.leaseMs);
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

export function jobOf(row: DueDelivery): DeliveryJobV2 {
  return {
    tenantId: row.tenantId, deliveryId: row.id, source: row.source, subscriptionId: row.subscriptionId, event: row.event, payload: row.payload,
    attempts: row.attempts, version: row.version, applicationState: row.applicationState, createdAt: row.createdAt,
    snapshot: { url: row.url, headers: row.headers, policy: row.policy, authorizationSealed: row.authorizationSealed },
  };
}
