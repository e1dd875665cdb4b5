import { Brackets, DataSource, Repository } from 'typeorm';
import { countedDelete } from '../data-source/counted-delete.util';
import { serializedWrite } from '../data-source/serialized-write.util';
import { isUniqueViolation } from '../data-source/unique-violation.util';
import { ReplayJobEntity } from './replay-job.entity';

/** What a runner writes after each page: the checkpoint and the counts, all at once. */
export interface ReplayJobProgress {
  cursor: { createdAt: number; id: string };
  matched: number;
  replayed: number;
}

/** The outcome of create: the new job, or the job a concurrent request with the same filter or key created. */
export type CreatedReplayJob = { kind: 'created'; job: ReplayJobEntity } | { kind: 'exists'; job: ReplayJobEntity };

const ACTIVE = ['queued', 'running'] as const;

/**
 * Bulk replay jobs (replay_jobs). Runners take a job by a lease written with a conditional UPDATE (the
 * holder of an expired lease, or none), and every progress write is conditional on still holding it: a
 * runner that lost its job cannot move its checkpoint. Every query a client can reach is tenant-scoped.
 */
export class ReplayJobRepository {
  private readonly jobs: Repository<ReplayJobEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.jobs = dataSource.getRepository(ReplayJobEntity);
  }

  /**
   * Inserts the job unless the tenant has a queued/running job with the same filter, or a job with the same
   * Idempotency-Key (the unique indexes decide, so two replicas racing end with one job): then that job.
   */
  async create(job: ReplayJobEntity): Promise<CreatedReplayJob> {
    try {
      await serializedWrite(this.dataSource, () => this.jobs.insert(job));
      return { kind: 'created', job };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = (job.idempotencyKey !== null ? await this.findByIdempotencyKey(job.tenantId, job.idempotencyKey) : null)
        ?? await this.findActiveByFilter(job.tenantId, job.filterHash);
      if (!existing) throw error;
      return { kind: 'exists', job: existing };
    }
  }

  findById(tenantId: string, id: string): Promise<ReplayJobEntity | null> {
    return this.jobs.findOne({ where: { tenantId, id } });
  }

  findByIdempotencyKey(tenantId: string, key: string): Promise<ReplayJobEntity | null> {
    return this.jobs.findOne({ where: { tenantId, idempotencyKey: key } });
  }

  findActiveByFilter(tenantId: string, filterHash: string): Promise<ReplayJobEntity | null> {
    return this.jobs.createQueryBuilder('j')
      .where('j.tenantId = :tenantId AND j.filterHash = :filterHash AND j.status IN (:...active)', { tenantId, filterHash, active: ACTIVE })
      .getOne();
  }

  /** An Idempotency-Key past its 24 h is forgotten, so the key may start a new job. */
  async forgetIdempotencyKey(tenantId: string, key: string): Promise<void> {
    await serializedWrite(this.dataSource, () => this.jobs.update({ tenantId, idempotencyKey: key }, { idempotencyKey: null }));
  }

  /** Newest first. */
  listRecent(tenantId: string, limit: number): Promise<ReplayJobEntity[]> {
    return this.jobs.find({ where: { tenantId }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /**
   * Takes one job to run, of any tenant: a queued one, or a running one whose holder let go of it after its
   * turn (release) or whose lease has passed (a killed or stalled replica). Jobs take turns: the one that has
   * waited longest goes first (never run, then the earliest let go), so one tenant's huge replay does not hold
   * up another's. Null when there is none or another runner took each candidate first.
   */
  async claimNext(holder: string, now: number, leaseMs: number): Promise<ReplayJobEntity | null> {
    const candidates = await this.jobs.createQueryBuilder('j')
      .where('j.status IN (:...active)', { active: ACTIVE })
      .andWhere(new Brackets((free) => free.where('j.leaseUntil IS NULL').orWhere('j.leaseUntil < :now', { now })))
      .orderBy('j.leaseUntil', 'ASC', 'NULLS FIRST').addOrderBy('j.createdAt', 'ASC').addOrderBy('j.id', 'ASC')
      .limit(5)
      .getMany();
    for (const candidate of candidates) {
      const taken = await serializedWrite(this.dataSource, () => this.jobs.createQueryBuilder().update(ReplayJobEntity)
        .set({ status: 'running', leaseHolder: holder, leaseUntil: new Date(now + leaseMs), startedAt: candidate.startedAt ?? new Date(now) })
        .where('id = :id AND status IN (:...active)', { id: candidate.id, active: ACTIVE })
        .andWhere(new Brackets((free) => free.where('lease_until IS NULL').orWhere('lease_until < :now', { now })))
        .execute());
      if ((taken.affected ?? 0) === 1) return this.jobs.findOne({ where: { id: candidate.id } });
    }
    return null;
  }

  /** Extends the lease; false when the holder no longer has the job (it must stop). */
  async renewLease(id: string, holder: string, now: number, leaseMs: number): Promise<boolean> {
    return this.updateHeld(id, holder, now, { leaseUntil: new Date(now + leaseMs) });
  }

  /** The checkpoint and counts after a page, with a renewed lease; false when the holder lost the job. */
  async saveProgress(id: string, holder: string, now: number, leaseMs: number, progress: ReplayJobProgress): Promise<boolean> {
    return this.updateHeld(id, holder, now, {
      cursorCreatedAt: new Date(progress.cursor.createdAt), cursorId: progress.cursor.id, matched: progress.matched, replayed: progress.replayed,
      leaseUntil: new Date(now + leaseMs),
    });
  }

  /** Lets go of a running job after its turn: any runner may take it from now on (claimNext: after the jobs waiting longer). */
  async release(id: string, holder: string, now: number): Promise<boolean> {
    return this.updateHeld(id, holder, now, { leaseHolder: null, leaseUntil: new Date(now) });
  }

  /** Ends the job (completed or failed) and lets go of it. */
  async finish(id: string, holder: string, now: number, outcome: { status: 'completed' | 'failed'; error: string | null }): Promise<boolean> {
    return this.updateHeld(id, holder, now, { status: outcome.status, error: outcome.error?.slice(0, 500) ?? null, finishedAt: new Date(now), leaseHolder: null, leaseUntil: null });
  }

  private async updateHeld(id: string, holder: string, now: number, change: Partial<ReplayJobEntity>): Promise<boolean> {
    const result = await serializedWrite(this.dataSource, () => this.jobs.createQueryBuilder().update(ReplayJobEntity).set(change)
      .where('id = :id AND lease_holder = :holder AND lease_until >= :now AND status = :running', { id, holder, now, running: 'running' })
      .execute());
    return (result.affected ?? 0) === 1;
  }

  /** Retention: deletes at most `limit` finished jobs (completed or failed) that finished before `before` (epoch ms). */
  pruneFinishedBefore(before: number, limit: number): Promise<number> {
    return countedDelete(this.dataSource, (p) => `DELETE FROM replay_jobs WHERE id IN (
      SELECT id FROM replay_jobs WHERE status IN ('completed', 'failed') AND finished_at < ${p(1)} ORDER BY finished_at LIMIT ${p(2)})`, [before, Math.max(0, limit)]);
  }
}
