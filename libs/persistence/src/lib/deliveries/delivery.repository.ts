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

/**
 * A newest-first page of the delivery log (GET /hookrelay/v1/deliveries, bulk replay jobs): equality filters,
 * an inclusive created_at range, and the keyset position to continue below.
 */
export interface DeliveryKeysetQuery {
  state?: string;
  applicationState?: string;
  source?: string;
  closeReason?: string;
  subscriptionId?: string;
  id?: string;
  createdFrom?: number;
  createdTo?: number;
  /** The page starts strictly below this (created_at, id); null for the newest. */
  before: { createdAt: number; id: string } | null;
  limit: number;
}

/** The latest attempt of a delivery, for the log's last_status_code / last_error. */
export interface LatestAttempt {
  statusCode: number | null;
  error: string | null;
}

/** A delivery as the log lists it: everything but the payload and the legacy credential columns. */
export type DeliveryLogRow = Pick<DeliveryEntity,
  'id' | 'source' | 'subscriptionId' | 'url' | 'event' | 'state' | 'applicationState' | 'closeReason' | 'attempts' | 'createdAt' | 'updatedAt' | 'closedAt' | 'nextAttemptAt'>;

const LOG_COLUMNS = ['id', 'source', 'subscriptionId', 'url', 'event', 'state', 'applicationState', 'closeReason', 'attempts', 'createdAt', 'updatedAt', 'closedAt', 'nextAttemptAt'] as const;
const KEYSET_EQUALITIES = ['state', 'applicationState', 'source', 'closeReason', 'subscriptionId', 'id'] as const;

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

  /**
   * One keyset page, newest first (created_at DESC, id DESC): no offset, so page 10,000 costs what page 1
   * does. The position test is `created_at <= c AND (created_at < c OR id < i)`: its first half is an index
   * range on every ix_deliveries_tenant_*_created index (migration 1763800000480), the second a filter on
   * the rows of that one millisecond. The payload is not read (a log page never shows it).
   */
  async keysetPage(tenantId: string, query: DeliveryKeysetQuery): Promise<DeliveryLogRow[]> {
    const qb = this.deliveries.createQueryBuilder('d').select(LOG_COLUMNS.map((column) => `d.${column}`)).where('d.tenantId = :tenantId', { tenantId });
    // A named subscription (a few thousand rows at most, usually) is the most selective part: its index must
    // lead. Without statistics SQLite would rather take the source or close_reason index and scan a quarter of
    // the table for it, so the other equalities are written as expressions (`col || ''`) no index can serve.
    const demote = query.subscriptionId !== undefined || query.id !== undefined;
    for (const column of KEYSET_EQUALITIES) {
      const value = query[column];
      if (value === undefined) continue;
      const lead = !demote || column === 'subscriptionId' || column === 'id';
      qb.andWhere(lead ? `d.${column} = :${column}` : `(d.${column} || '') = :${column}`, { [column]: value });
    }
    if (query.createdFrom !== undefined) qb.andWhere('d.createdAt >= :createdFrom', { createdFrom: query.createdFrom });
    if (query.createdTo !== undefined) qb.andWhere('d.createdAt <= :createdTo', { createdTo: query.createdTo });
    if (query.before) {
      qb.andWhere('d.createdAt <= :beforeAt', { beforeAt: query.before.createdAt })
        .andWhere(new Brackets((below) => below.where('d.createdAt < :beforeAt').orWhere('d.id < :beforeId', { beforeId: query.before!.id })));
    }
    return qb.orderBy('d.createdAt', 'DESC').addOrderBy('d.id', 'DESC').limit(query.limit).getMany();
  }

  /** The latest attempt of each given delivery (of one tenant's page), by delivery id. */
  async latestAttemptsOf(deliveryIds: readonly string[]): Promise<Map<string, LatestAttempt>> {
    const latest = new Map<string, LatestAttempt & { number: number }>();
    if (deliveryIds.length === 0) return latest;
    const rows = await this.attempts.createQueryBuilder('a')
      .select(['a.id', 'a.deliveryId', 'a.number', 'a.statusCode', 'a.error'])
      .where('a.deliveryId IN (:...ids)', { ids: deliveryIds })
      .getMany();
    for (const row of rows) {
      const seen = latest.get(row.deliveryId);
      if (!seen || row.number > seen.number) latest.set(row.deliveryId, { number: row.number, statusCode: row.statusCode, error: row.error });
    }
    return latest;
  }

  /**
   * The tenant's recalled deliveries not attempted yet (OPEN, application_state RECALL: queued, parked or being
   * attempted), counted up to `cap` + 1 — an index range of ix_deliveries_tenant_app_state_created that stops at
   * the limit. Bulk replay waits while it is at its cap (ReplayJobRunner).
   */
  async countRecallsInFlight(tenantId: string, cap: number): Promise<number> {
    const count = await this.deliveries.createQueryBuilder('d')
      .select('1', 'one')
      .where('d.tenantId = :tenantId', { tenantId }).andWhere("d.applicationState = 'RECALL'").andWhere("d.state = 'OPEN'")
      .limit(Math.max(0, cap) + 1)
      .getRawMany();
    return count.length;
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
