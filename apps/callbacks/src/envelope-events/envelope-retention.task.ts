import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { RetentionTasks, singleTableRetentionTask } from '@hookrelay/delivery';
import { EnvelopeRepository } from '@hookrelay/persistence';

export const ENVELOPE_RETENTION_MS = Symbol('ENVELOPE_RETENTION_MS');

/**
 * Stored envelopes (kept for DocStudio's callback check/send) no event has updated within the retention
 * horizon are deleted with the delivery engine's retention sweep: same batches, pause and interval, under
 * its own lease, so one callbacks replica at a time prunes them. Horizon 0 (RETENTION_DAYS=0) keeps them.
 */
@Injectable()
export class EnvelopeRetentionTask implements OnModuleInit {
  constructor(
    private readonly tasks: RetentionTasks,
    private readonly envelopes: EnvelopeRepository,
    @Inject(ENVELOPE_RETENTION_MS) private readonly horizonMs: number,
  ) {}

  onModuleInit(): void {
    this.tasks.add(singleTableRetentionTask('envelopes', 'envelopes', this.horizonMs, (before, limit) => this.envelopes.pruneUpdatedBefore(before, limit)));
  }
}
