import { Brackets, DataSource, Repository } from 'typeorm';
import { serializedWrite } from '../data-source/serialized-write.util';
import { IntegrationPointColumn, IntegrationPointEntity } from './integration-point.entity';

export type ColumnValue = string | number | boolean | Date;

export interface IntegrationPointListQuery {
  /** AND of conditions; each condition is membership in its values (one value = equality). */
  where: Array<{ column: IntegrationPointColumn; values: ColumnValue[] }>;
  order: Array<{ column: IntegrationPointColumn; direction: 'ASC' | 'DESC' }>;
  offset: number;
  limit: number;
}

export class IntegrationPointRepository {
  private readonly repo: Repository<IntegrationPointEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(IntegrationPointEntity);
  }

  async insert(entity: IntegrationPointEntity): Promise<void> {
    await serializedWrite(this.dataSource, () => this.repo.insert(entity));
  }

  async findById(tenantId: string, id: string): Promise<IntegrationPointEntity | null> {
    return this.repo.findOne({ where: { tenantId, id } });
  }

  async findByCode(tenantId: string, code: string): Promise<IntegrationPointEntity | null> {
    return this.repo.findOne({ where: { tenantId, code } });
  }

  /** Across tenants on purpose: /exec authenticates by this token alone. */
  async findByTokenLocal(tokenLocal: string): Promise<IntegrationPointEntity | null> {
    return this.repo.findOne({ where: { tokenLocal } });
  }

  /** LOOKUP: ids of the tenant's points whose id, code or token_local equals the key. */
  async lookupIds(tenantId: string, key: string): Promise<string[]> {
    const rows = await this.repo
      .createQueryBuilder('ip')
      .where('ip.tenantId = :tenantId', { tenantId })
      .andWhere(new Brackets((q) => q.where('ip.id = :key').orWhere('ip.code = :key').orWhere('ip.tokenLocal = :key')))
      .setParameter('key', key)
      .orderBy('ip.createdAt', 'ASC')
      .getMany();
    return rows.map((row) => row.id);
  }

  async list(tenantId: string, query: IntegrationPointListQuery): Promise<IntegrationPointEntity[]> {
    const qb = this.repo.createQueryBuilder('ip').where('ip.tenantId = :tenantId', { tenantId });
    const sqlite = this.repo.manager.connection.options.type === 'better-sqlite3';
    query.where.forEach((condition, index) => {
      // Query-builder parameters bypass column transformers: dates become epoch ms like the stored
      // values, and SQLite (which stores booleans as 0/1) cannot bind a JS boolean.
      const values = condition.values.map((v) => (v instanceof Date ? v.getTime() : typeof v === 'boolean' && sqlite ? Number(v) : v));
      qb.andWhere(`ip.${condition.column} IN (:...v${index})`, { [`v${index}`]: values });
    });
    for (const item of query.order) qb.addOrderBy(`ip.${item.column}`, item.direction);
    // A stable tiebreak keeps pages consistent when the requested order has equal keys.
    qb.addOrderBy('ip.createdAt', 'ASC').addOrderBy('ip.id', 'ASC');
    return qb.skip(query.offset).take(query.limit).getMany();
  }

  async save(entity: IntegrationPointEntity): Promise<IntegrationPointEntity> {
    return serializedWrite(this.dataSource, () => this.repo.save(entity));
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    const result = await serializedWrite(this.dataSource, () => this.repo.delete({ tenantId, id }));
    return (result.affected ?? 0) > 0;
  }
}
