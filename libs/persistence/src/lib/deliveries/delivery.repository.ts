import { DataSource, EntityManager, In, IsNull, Not, Repository } from 'typeorm';
import { GroupCommit } from '../data-source/group-commit';
import { serializedWrite } from '../data-source/serialized-write.util';
import { DeliveryAttemptEntity } from './delivery-attempt.entity';
import { CloseReason, DeliveryEntity, DeliveryPolicy, DeliverySource } from './delivery.entity';

export type DeliveryColumn = 'id' | 'state' | 'applicationState' | 'closeReason' | 'source' | 'event' | 'attempts' | 'createdAt' | 'closedAt' | 'nextAttemptAt';
export type DeliveryComparison = 'eq' | 'in' | 'gt' | 'gte' | 'lt' | 'lte';

export interface DeliveryPageQuery {
  where: Array<{ column: DeliveryColumn; op: DeliveryComparison; value: string | number | Date | Array<string | number> }>;
  sort: { column: DeliveryColumn; direction: 'ASC' | 'DESC' } | null;
  offset: number;
  limit: number;
}

/** What one attempt changed: the attempt row and the delivery's new state, stored together. */
export interface AttemptRecord {
  attempt: DeliveryAttemptEntity;
  update: Pick<DeliveryEntity, 'state' | 'applicationState' | 'closeReason' | 'nextAttemptAt' | 'closedAt' | 'attempts'>;
}

const SQL_OP: Record<Exclude<DeliveryComparison, 'in'>, string> = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' };
const CHUNK = 100;

export class DeliveryRepository {
  private readonly deliveries: Repository<DeliveryEntity>;
  private readonly attempts: Repository<DeliveryAttemptEntity>;

  /** The hot writes go through group commit: concurrent ones share a transaction (see GroupCommit). */
  private readonly inserts: GroupCommit<DeliveryEntity[], void>;
  private readonly claims: GroupCommit<{ tenantId: string; id: string; now: Date; staleBefore: Date }, boolean>;
  private readonly records: GroupCommit<{ tenantId: string; id: string; record: AttemptRecord; now: Date }, void>;

  constructor(private readonly dataSource: DataSource) {
    this.deliveries = dataSource.getRepository(DeliveryEntity);
    this.attempts = dataSource.getRepository(DeliveryAttemptEntity);
    this.inserts = new GroupCommit(dataSource, async (manager, rows) => {
      for (let i = 0; i < rows.length; i += CHUNK) await manager.insert(DeliveryEntity, rows.slice(i, i + CHUNK));
    });
    this.claims = new GroupCommit(dataSource, (manager, c) => claimIn(manager, c.tenantId, c.id, c.now, c.staleBefore));
    this.records = new GroupCommit(dataSource, async (manager, r) => {
      await manager.insert(DeliveryAttemptEntity, r.record.attempt);
      // Only the claim holder's state change applies: a delivery cancelled (subscription removed) or
      // recalled while its attempt ran keeps that newer state; the attempt itself stays in the history.
      await manager.update(DeliveryEntity, { tenantId: r.tenantId, id: r.id, state: 'PROCESSING' }, { ...r.record.update, updatedAt: r.now });
    });
  }

  /** All of one call's rows commit together: accepted work is stored all-or-nothing. */
  async insertMany(deliveries: DeliveryEntity[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.inserts.submit(deliveries);
  }

  async findById(tenantId: string, id: string): Promise<DeliveryEntity | null> {
    return this.deliveries.findOne({ where: { tenantId, id } });
  }

  async attemptsOf(deliveryId: string): Promise<DeliveryAttemptEntity[]> {
    return this.attempts.find({ where: { deliveryId }, order: { number: 'ASC' } });
  }

  /**
   * Takes a delivery for one attempt. Only one worker wins (a single conditional UPDATE); a PROCESSING
   * claim older than `staleBefore` belonged to a worker that died mid-attempt and may be taken over.
   */
  async claim(tenantId: string, id: string, now: Date, staleBefore: Date): Promise<boolean> {
    return this.claims.submit({ tenantId, id, now, staleBefore });
  }

  /** The attempt row and the delivery's new state, committed together. */
  async recordAttempt(tenantId: string, id: string, record: AttemptRecord, now: Date): Promise<void> {
    await this.records.submit({ tenantId, id, record, now });
  }

  /** Due or overdue deliveries JetStream may have lost track of (the DB row is the source of truth). */
  async findOverdue(before: Date, limit: number): Promise<Array<Pick<DeliveryEntity, 'id' | 'tenantId' | 'nextAttemptAt' | 'attempts'>>> {
    return this.deliveries
      .createQueryBuilder('d')
      .select(['d.id', 'd.tenantId', 'd.nextAttemptAt', 'd.attempts'])
      .where('d.state IN (:...states)', { states: ['OPEN', 'PROCESSING'] })
      .andWhere('d.nextAttemptAt < :before', { before: before.getTime() })
      .orderBy('d.nextAttemptAt', 'ASC')
      .take(limit)
      .getMany();
  }

  async page(tenantId: string, query: DeliveryPageQuery): Promise<DeliveryEntity[]> {
    const qb = this.deliveries.createQueryBuilder('d').where('d.tenantId = :tenantId', { tenantId });
    query.where.forEach((condition, index) => {
      const param = `p${index}`;
      const value = Array.isArray(condition.value) ? condition.value : condition.value instanceof Date ? condition.value.getTime() : condition.value;
      if (condition.op === 'in') qb.andWhere(`d.${condition.column} IN (:...${param})`, { [param]: value });
      else qb.andWhere(`d.${condition.column} ${SQL_OP[condition.op]} :${param}`, { [param]: value });
    });
    if (query.sort) qb.orderBy(`d.${query.sort.column}`, query.sort.direction);
    // Time-ordered ids make the id a stable, index-friendly tiebreak (and the default newest-first order).
    qb.addOrderBy('d.createdAt', query.sort?.direction ?? 'DESC').addOrderBy('d.id', query.sort?.direction ?? 'DESC');
    return qb.offset(query.offset).limit(query.limit).getMany();
  }

  /** Closes a delivery this worker claimed without attempting it (its endpoint is paused). */
  async closeClaimed(tenantId: string, id: string, reason: CloseReason, now: Date): Promise<void> {
    await serializedWrite(this.dataSource, () => this.deliveries.update(
      { tenantId, id, state: 'PROCESSING' },
      { state: 'CLOSED', applicationState: 'CLOSED', closeReason: reason, closedAt: now, nextAttemptAt: null, updatedAt: now },
    ));
  }

  /** Deliver again now, on the same record (same webhook-id), whatever its state. */
  async recall(tenantId: string, id: string, now: Date): Promise<boolean> {
    const result = await serializedWrite(this.dataSource, () => this.deliveries.update(
      { tenantId, id },
      { state: 'OPEN', applicationState: 'RECALL', closeReason: null, closedAt: null, nextAttemptAt: now, updatedAt: now },
    ));
    return (result.affected ?? 0) > 0;
  }

  /** Closes every not-yet-closed delivery of a subscription (e.g. the webhook was deleted). */
  async closePending(tenantId: string, source: DeliverySource, subscriptionId: string, reason: CloseReason, now: Date): Promise<number> {
    const result = await serializedWrite(this.dataSource, () => this.deliveries.update(
      { tenantId, source, subscriptionId, state: Not('CLOSED') },
      { state: 'CLOSED', applicationState: 'CLOSED', closeReason: reason, closedAt: now, nextAttemptAt: null, updatedAt: now },
    ));
    return result.affected ?? 0;
  }

  /** A changed subscription applies to its deliveries not yet attempted. */
  async retargetUnattempted(
    tenantId: string, source: DeliverySource, subscriptionId: string,
    changes: { url: string; headers: Record<string, string>; policy: DeliveryPolicy; authorizationSealed: string | null }, now: Date,
  ): Promise<number> {
    const result = await serializedWrite(this.dataSource, () =>
      this.deliveries.update({ tenantId, source, subscriptionId, state: In(['OPEN']), attempts: 0, closedAt: IsNull() }, { ...changes, updatedAt: now }));
    return result.affected ?? 0;
  }

  async countByState(): Promise<Array<{ state: string; count: number }>> {
    const rows = await this.deliveries.createQueryBuilder('d').select('d.state', 'state').addSelect('COUNT(*)', 'count').groupBy('d.state').getRawMany<{ state: string; count: string | number }>();
    return rows.map((row) => ({ state: row.state, count: Number(row.count) }));
  }
}

async function claimIn(manager: EntityManager, tenantId: string, id: string, now: Date, staleBefore: Date): Promise<boolean> {
  const result = await manager
    .createQueryBuilder()
    .update(DeliveryEntity)
    .set({ state: 'PROCESSING', updatedAt: now })
    .where('tenant_id = :tenantId AND id = :id', { tenantId, id })
    .andWhere('(state = :open OR (state = :processing AND updated_at < :stale))', { open: 'OPEN', processing: 'PROCESSING', stale: staleBefore.getTime() })
    .execute();
  return (result.affected ?? 0) > 0;
}
