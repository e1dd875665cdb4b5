import { Injectable } from '@nestjs/common';
import {
  CreatedReplayJobView, CreateReplayJobCommand, ListReplayJobsCommand, ReplayJobByIdCommand, ReplayJobView, ServiceErrorCode, ServiceException,
} from '@hookrelay/contracts';
import { parseDeliveryFilter, parseLimit } from '@hookrelay/filtering';
import { ReplayJobEntity, ReplayJobRepository, timeOrderedId } from '@hookrelay/persistence';
import { createHash } from 'node:crypto';
import { parseOrBadRequest } from '../deliveries/parse-or-bad-request.util';
import { toStoredReplayFilter } from './replay-job-filter.mapper';
import { toReplayJobView } from './replay-job-view.mapper';
import { ReplayJobLoop } from './replay-job.loop';

/** An Idempotency-Key answers with its first job for this long (as on the event endpoints). */
const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
const LIST_LIMITS = { defaultLimit: 50, maxLimit: 100 };

/** Bulk replay jobs: created here, run by ReplayJobLoop in any replica (ADR 0014). */
@Injectable()
export class ReplayJobsService {
  constructor(
    private readonly jobs: ReplayJobRepository,
    private readonly loop: ReplayJobLoop,
  ) {}

  async create({ tenantId, filter, idempotencyKey }: CreateReplayJobCommand): Promise<CreatedReplayJobView> {
    const parsed = parseOrBadRequest(() => parseDeliveryFilter(filter, { strict: true }));
    const now = Date.now();
    if (idempotencyKey !== undefined) {
      const earlier = await this.jobs.findByIdempotencyKey(tenantId, idempotencyKey);
      if (earlier && earlier.createdAt.getTime() >= now - IDEMPOTENCY_WINDOW_MS) return { job: toReplayJobView(earlier), created: true };
      if (earlier) await this.jobs.forgetIdempotencyKey(tenantId, idempotencyKey);
    }
    // The filter as given (no defaulted bound): pressing twice while the first job runs finds it.
    const stored = JSON.stringify(toStoredReplayFilter(parsed));
    const job = Object.assign(new ReplayJobEntity(), {
      id: timeOrderedId(now), tenantId, status: 'queued', filter: stored, filterHash: createHash('sha256').update(stored).digest('hex'),
      idempotencyKey: idempotencyKey ?? null, createdTo: new Date(parsed.createdTo ?? now), cursorCreatedAt: null, cursorId: null,
      matched: 0, replayed: 0, createdAt: new Date(now), startedAt: null, finishedAt: null, error: null, leaseHolder: null, leaseUntil: null,
    } satisfies ReplayJobEntity);
    const outcome = await this.jobs.create(job);
    if (outcome.kind === 'created') this.loop.wake();
    // An earlier job under the same key is that key's first answer (202); the same filter still at work is not (200).
    const sameKey = idempotencyKey !== undefined && outcome.job.idempotencyKey === idempotencyKey;
    return { job: toReplayJobView(outcome.job), created: outcome.kind === 'created' || sameKey };
  }

  async list({ tenantId, limit }: ListReplayJobsCommand): Promise<ReplayJobView[]> {
    const take = parseOrBadRequest(() => parseLimit(limit, LIST_LIMITS));
    return (await this.jobs.listRecent(tenantId, take)).map(toReplayJobView);
  }

  async get({ tenantId, id }: ReplayJobByIdCommand): Promise<ReplayJobView> {
    const job = await this.jobs.findById(tenantId, id);
    if (!job) throw new ServiceException(ServiceErrorCode.NotFound, 'replay job not found');
    return toReplayJobView(job);
  }
}
