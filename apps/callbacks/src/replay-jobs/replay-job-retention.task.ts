import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { RetentionTasks, singleTableRetentionTask } from '@hookrelay/delivery';
import { ReplayJobRepository } from '@hookrelay/persistence';

export const REPLAY_JOB_RETENTION_MS = Symbol('REPLAY_JOB_RETENTION_MS');

/**
 * Finished bulk replay jobs (completed or failed) are deleted once they finished longer ago than the retention
 * horizon, with the delivery engine's retention sweep (its batches, pause, interval and lease). Queued and
 * running jobs are never touched. Horizon 0 (RETENTION_DAYS=0) keeps them.
 */
@Injectable()
export class ReplayJobRetentionTask implements OnModuleInit {
  constructor(
    private readonly tasks: RetentionTasks,
    private readonly jobs: ReplayJobRepository,
    @Inject(REPLAY_JOB_RETENTION_MS) private readonly horizonMs: number,
  ) {}

  onModuleInit(): void {
    this.tasks.add(singleTableRetentionTask('replay-jobs', 'replay_jobs', this.horizonMs, (before, limit) => this.jobs.pruneFinishedBefore(before, limit)));
  }
}
