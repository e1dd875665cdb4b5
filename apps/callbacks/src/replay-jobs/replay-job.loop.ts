import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DeliveryEngine, DeliveryLog } from '@hookrelay/delivery';
import { ReplayJobRepository } from '@hookrelay/persistence';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ReplayJobRunner } from './replay-job.runner';

/** How often an idle replica looks for a job (a new one on this replica is started at once: wake()). */
const POLL_MS = 1_000;
/** Far longer than one page takes; a replica that dies holding a job delays it this long at most. */
export const REPLAY_LEASE_MS = 30_000;
const PAGE_SIZE = 200;
/** A job's turn before the runner takes the job that has waited longest (and how long a shutdown may wait for it). */
const TURN_MS = 2_000;
/**
 * A tenant's recalls that may wait for their attempt at once: 5 pages. Enough to keep its endpoints busy at the
 * engine's per-tenant caps, small enough that other tenants' jobs in the lanes never queue behind a replay.
 */
export const REPLAY_MAX_IN_FLIGHT = 1_000;

/** Runs ReplayJobRunner in every callbacks replica: one job at a time each, the leases share them out. */
@Injectable()
export class ReplayJobLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReplayJobs');
  private readonly runner: ReplayJobRunner;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(jobs: ReplayJobRepository, log: DeliveryLog, engine: DeliveryEngine) {
    this.runner = new ReplayJobRunner(jobs, log, {
      holder: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, leaseMs: REPLAY_LEASE_MS, pageSize: PAGE_SIZE, turnMs: TURN_MS, now: Date.now,
      maxInFlight: REPLAY_MAX_IN_FLIGHT, inFlight: (tenantId, cap) => log.countRecallsInFlight(tenantId, cap),
      stopping: () => this.stopped,
      recall: (tenantId, id) => engine.recall(tenantId, id), warn: (message) => this.logger.warn(message),
    });
  }

  onApplicationBootstrap(): void {
    this.schedule(POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** A job was just created here: look now rather than at the next poll. */
  wake(): void {
    if (this.running || this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.drain().finally(() => {
        this.running = null;
        this.schedule(POLL_MS);
      });
    }, delayMs);
    this.timer.unref();
  }

  /** Runs jobs, a turn each, while there are any (a shutdown lets the current one reach its next checkpoint only). */
  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.runner.runOnce()));
    } catch (error) {
      // Database unavailable: the job's lease runs out and this or another replica resumes it.
      this.logger.warn(`replay job runner: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
