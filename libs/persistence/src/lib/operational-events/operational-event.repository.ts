import { DataSource, Repository } from 'typeorm';
import { serializedWrite } from '../data-source/serialized-write.util';
import { OperationalEventEntity } from './operational-event.entity';

/** Where a newest-first page continues: strictly older than this event. */
export interface OperationalEventCursor {
  occurredAt: number;
  id: string;
}

/** A tenant's operational events: written by the delivery engine's event recorder, read by the console. */
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
}
