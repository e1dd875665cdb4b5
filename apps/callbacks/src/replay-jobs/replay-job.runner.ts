import { DeliveryLog } from '@hookrelay/delivery';
import { parseDeliveryFilter } from '@hookrelay/filtering';
import { ReplayJobEntity, ReplayJobRepository } from '@hookrelay/persistence';
import { toDeliveryKeysetQuery } from '../deliveries/delivery-keyset-query.mapper';

export interface ReplayJobRunnerOptions {
  /** Who this runner is in lease columns (host, pid, a random part). */
  holder: string;
  /** A job whose holder has not written for this long is taken over (a killed or stalled replica). */
  leaseMs: number;
  /** Deliveries read and recalled per step; progress is written after each. */
  pageSize: number;
  /**
   * A job's turn: after a page that ends past this long, the runner lets go of the job (it stays running) and
   * takes the job that has waited longest, so jobs of several tenants advance in turns.
   */
  turnMs: number;
  /**
   * Throttle: the most of a tenant's recalls that may wait for their attempt at once. A job whose tenant is at
   * it lets go before its next page (it stays running), so a huge replay enters the delivery lanes at the pace
   * the tenant's endpoints take it, never as a flood other tenants' jobs would queue behind.
   */
  maxInFlight: number;
  /** The tenant's recalls waiting for their attempt, counted up to at least cap + 1 (DeliveryLog.countRecallsInFlight). */
  inFlight: (tenantId: string, cap: number) => Promise<number>;
  /** True when the process is stopping: the job is let go of at its next checkpoint. */
  stopping?: () => boolean;
  now: () => number;
  /** Deliver one again (DeliveryEngine.recall): false when it vanished meanwhile. */
  recall: (tenantId: string, deliveryId: string) => Promise<boolean>;
  warn: (message: string) => void;
}

/**
 * Runs bulk replay jobs, any replica, one job at a time per runner, in turns (ADR 0014): take a job by its lease, then
 * page through its deliveries newest first with the log's keyset query, bounded by the job's snapshot
 * (created_to) so it ends, recalling each page and writing the checkpoint after it. Before a page is
 * recalled the lease is renewed: a runner that lost the job stops there, so two runners never replay the
 * same page (a page takes far less than the lease). A runner killed mid-page leaves the checkpoint of the
 * last page done; whoever takes the job after its lease resumes there (that page may be recalled twice: a
 * recall is a redelivery with the same webhook-id, which receivers deduplicate). After a turn (turnMs) the
 * runner lets go of the job so the one that has waited longest goes next: tenants' jobs advance side by side.
 */
export class ReplayJobRunner {
  constructor(
    private readonly jobs: ReplayJobRepository,
    private readonly log: DeliveryLog,
    private readonly options: ReplayJobRunnerOptions,
  ) {}

  /**
   * Takes one job and runs it for one turn (or to its end, until its lease is lost, or until its tenant has
   * `maxInFlight` recalls waiting); false when there was none to take or it could not recall anything now.
   */
  async runOnce(): Promise<boolean> {
    const job = await this.jobs.claimNext(this.options.holder, this.options.now(), this.options.leaseMs);
    if (!job) return false;
    return (await this.run(job)) !== 'throttled';
  }

  /** 'throttled': let go before its first page because its tenant is at maxInFlight. */
  private async run(job: ReplayJobEntity): Promise<'ran' | 'throttled'> {
    const { holder, leaseMs, now } = this.options;
    let filter;
    try {
      filter = parseDeliveryFilter(JSON.parse(job.filter) as Record<string, unknown>, { strict: true });
    } catch (error) {
      await this.jobs.finish(job.id, holder, now(), { status: 'failed', error: `unreadable filter: ${String(error)}` });
      return 'ran';
    }
    let cursor = job.cursorCreatedAt && job.cursorId ? { createdAt: job.cursorCreatedAt.getTime(), id: job.cursorId } : null;
    let { matched, replayed } = job;
    const bounded = { ...filter, createdTo: job.createdTo.getTime() };
    const turnEndsAt = now() + this.options.turnMs;
    for (let pages = 0; ; pages++) {
      const page = await this.log.keysetPage(job.tenantId, toDeliveryKeysetQuery(bounded, cursor, this.options.pageSize));
      if (page.length === 0) {
        await this.jobs.finish(job.id, holder, now(), { status: 'completed', error: null });
        return 'ran';
      }
      if (await this.options.inFlight(job.tenantId, this.options.maxInFlight) >= this.options.maxInFlight) {
        await this.jobs.release(job.id, holder, now());
        return pages === 0 ? 'throttled' : 'ran';
      }
      if (!(await this.jobs.renewLease(job.id, holder, now(), leaseMs))) return this.lost(job);
      const recalled = await Promise.all(page.map((row) => this.options.recall(job.tenantId, row.id)));
      matched += page.length;
      replayed += recalled.filter(Boolean).length;
      const last = page[page.length - 1]!;
      cursor = { createdAt: last.createdAt.getTime(), id: last.id };
      if (!(await this.jobs.saveProgress(job.id, holder, now(), leaseMs, { cursor, matched, replayed }))) return this.lost(job);
      if (now() >= turnEndsAt || this.options.stopping?.()) {
        await this.jobs.release(job.id, holder, now());
        return 'ran';
      }
    }
  }

  private lost(job: ReplayJobEntity): 'ran' {
    this.options.warn(`replay job ${job.id}: lease lost to another runner; it continues there`);
    return 'ran';
  }
}
