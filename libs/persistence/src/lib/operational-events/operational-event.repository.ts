import { DataSource, Repository } from 'typeorm';
import { countedDelete } from '../data-source/counted-delete.util';
import { serializedWrite } from '../data-source/serialized-write.util';
import { timeOrderedIdFloor } from '../ids/time-ordered-id.util';
import { OperationalEventEntity } from './operational-event.entity';

/** Where a newest-first page continues: strictly older than this event. */
export interface OperationalEventCursor {
  occurredAt: number;
  id: string;
}

/**
 * A tenant's operational events, read by the console and pruned by retention. The delivery engine's store writes
 * them (its outbox, in the transaction of the state change; ADR 0012); `add` is for seeding tests and tools.
 */
export class OperationalEventRepository {
  private readonly events: Repository<OperationalEventEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.events = dataSource.getRepository(OperationalEventEntity);
  }

  async add(event: OperationalEventEntity): Promise<void> {
    await serializedWrite(this.dataSource, () => this.events.insert(event));
  }

  /** Newest first (occurred_at desc, id desc) by keyset on ix_operational_events_tenant. */
  async pageNewestFirst(tenantId: string, limit: number, before: OperationalEventCursor | null): Promise<OperationalEventEntity[]> {
    const qb = this.events.createQueryBuilder('e').where('e.tenantId = :tenantId', { tenantId });
    if (before) {
      qb.andWhere('(e.occurredAt < :at OR (e.occurredAt = :at AND e.id < :id))', { at: before.occurredAt, id: before.id });
    }
    return qb.orderBy('e.occurredAt', 'DESC').addOrderBy('e.id', 'DESC').take(limit).getMany();
  }

  /**
   * Retention: deletes at most `limit` events, of every tenant, that occurred before `before` (epoch ms), oldest
   * first. Event ids are time-ordered by their occurrence (the engine makes them), so this is a primary-key range.
   */
  pruneBefore(before: number, limit: number): Promise<number> {
    return countedDelete(this.dataSource, (p) => `DELETE FROM operational_events WHERE id IN (
      SELECT id FROM operational_events WHERE id < ${p(1)} ORDER BY id LIMIT ${p(2)})`, [timeOrderedIdFloor(before), Math.max(0, limit)]);
  }
}
