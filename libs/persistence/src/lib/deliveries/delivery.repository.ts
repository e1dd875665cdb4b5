import { Brackets, DataSource, Repository } from 'typeorm';
import { DeliveryAttemptEntity } from './delivery-attempt.entity';
import { DeliveryEntity } from './delivery.entity';

export type DeliveryColumn = 'id' | 'state' | 'applicationState' | 'closeReason' | 'source' | 'event' | 'attempts' | 'createdAt' | 'closedAt' | 'nextAttemptAt';
export type DeliveryComparison = 'eq' | 'in' | 'gt' | 'gte' | 'lt' | 'lte';

/** Epoch milliseconds `from` ≤ t < `until`, either end open. */
export interface DeliveryTimeRange {
  from?: number;
  until?: number;
}

export interface DeliveryPageQuery {
  where: Array<
    | { column: DeliveryColumn; op: DeliveryComparison; value: string | number | Date | Array<string | number> }
    /** The column lies in any of the ranges (a Conpeek date stands for its whole second). */
    | { column: DeliveryColumn; op: 'inRanges'; value: DeliveryTimeRange[] }
  >;
  sort: { column: DeliveryColumn; direction: 'ASC' | 'DESC' } | null;
  offset: number;
  limit: number;
}

/** Columns that may hold NULL: only they get a NULLS clause (on the others it would change nothing). */
const NULLABLE: ReadonlySet<DeliveryColumn> = new Set<DeliveryColumn>(['closeReason', 'nextAttemptAt', 'closedAt']);

const SQL_OP: Record<Exclude<DeliveryComparison, 'in'>, string> = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' };

/**
 * The read side of the delivery log (GET /callback): pages with the Conpeek filters, one delivery, its
 * attempts. Every write of the delivery tables belongs to the delivery engine's store (libs/delivery), which
 * uses raw prepared statements; only libs/delivery may import this (eslint no-restricted-imports).
 */
export class DeliveryRepository {
  private readonly deliveries: Repository<DeliveryEntity>;
  private readonly attempts: Repository<DeliveryAttemptEntity>;

  constructor(dataSource: DataSource) {
    this.deliveries = dataSource.getRepository(DeliveryEntity);
    this.attempts = dataSource.getRepository(DeliveryAttemptEntity);
  }

  async findById(tenantId: string, id: string): Promise<DeliveryEntity | null> {
    return this.deliveries.findOne({ where: { tenantId, id } });
  }

  async attemptsOf(deliveryId: string): Promise<DeliveryAttemptEntity[]> {
    return this.attempts.find({ where: { deliveryId }, order: { number: 'ASC' } });
  }

  async page(tenantId: string, query: DeliveryPageQuery): Promise<DeliveryEntity[]> {
    const qb = this.deliveries.createQueryBuilder('d').where('d.tenantId = :tenantId', { tenantId });
    query.where.forEach((condition, index) => {
      const param = `p${index}`;
      if (condition.op === 'inRanges') {
        qb.andWhere(this.rangesSql(`d.${condition.column}`, param, condition.value));
        return;
      }
      const value = Array.isArray(condition.value) ? condition.value : condition.value instanceof Date ? condition.value.getTime() : condition.value;
      if (condition.op === 'in') qb.andWhere(`d.${condition.column} IN (:...${param})`, { [param]: value });
      else qb.andWhere(`d.${condition.column} ${SQL_OP[condition.op]} :${param}`, { [param]: value });
    });
    // Empty values last in both directions, on both drivers (SQLite puts NULLs first ascending, PostgreSQL last).
    if (query.sort) qb.orderBy(`d.${query.sort.column}`, query.sort.direction, NULLABLE.has(query.sort.column) ? 'NULLS LAST' : undefined);
    // Time-ordered ids make the id a stable, index-friendly tiebreak (and the default newest-first order).
    qb.addOrderBy('d.createdAt', query.sort?.direction ?? 'DESC').addOrderBy('d.id', query.sort?.direction ?? 'DESC');
    return qb.offset(query.offset).limit(query.limit).getMany();
  }

  private rangesSql(column: string, param: string, ranges: DeliveryTimeRange[]): Brackets {
    return new Brackets((any) => {
      if (ranges.length === 0) any.where('1 = 0');
      ranges.forEach((range, i) => {
        const bounds: string[] = [];
        const params: Record<string, number> = {};
        if (range.from !== undefined) {
          bounds.push(`${column} >= :${param}f${i}`);
          params[`${param}f${i}`] = range.from;
        }
        if (range.until !== undefined) {
          bounds.push(`${column} < :${param}u${i}`);
          params[`${param}u${i}`] = range.until;
        }
        any.orWhere(bounds.length > 0 ? bounds.join(' AND ') : '1 = 1', params);
      });
    });
  }
}
