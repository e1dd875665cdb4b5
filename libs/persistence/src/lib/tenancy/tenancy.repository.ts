import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, Repository } from 'typeorm';
import { serializedWrite } from '../data-source/serialized-write.util';
import { ApiKeyEntity, ApiKeyRole } from './api-key.entity';
import { TenantEntity } from './tenant.entity';

export interface ResolvedKey {
  tenantId: string;
  tenantName: string;
  role: ApiKeyRole;
}

/** Tenants and their API keys: owned by the gateway, the only component that authenticates callers. */
export class TenancyRepository {
  private readonly tenants: Repository<TenantEntity>;
  private readonly keys: Repository<ApiKeyEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.tenants = dataSource.getRepository(TenantEntity);
    this.keys = dataSource.getRepository(ApiKeyEntity);
  }

  async findTenantByName(name: string): Promise<TenantEntity | null> {
    return this.tenants.findOne({ where: { name } });
  }

  async createTenant(name: string): Promise<TenantEntity> {
    const tenant = this.tenants.create({ id: randomUUID(), name, createdAt: new Date() });
    return serializedWrite(this.dataSource, () => this.tenants.save(tenant));
  }

  /** Idempotent: a tenant is created on first use of its name (HOOKRELAY_API_KEYS at boot). */
  async ensureTenant(name: string): Promise<TenantEntity> {
    const existing = await this.findTenantByName(name);
    if (existing) return existing;
    try {
      return await this.createTenant(name);
    } catch (error) {
      const raced = await this.findTenantByName(name);
      if (raced) return raced;
      throw error;
    }
  }

  async findKeyByHash(keyHash: string): Promise<ResolvedKey | null> {
    const key = await this.keys.findOne({ where: { keyHash, revokedAt: IsNull() } });
    if (!key) return null;
    const tenant = await this.tenants.findOne({ where: { id: key.tenantId } });
    return tenant ? { tenantId: tenant.id, tenantName: tenant.name, role: key.role } : null;
  }

  /**
   * Idempotent on the hash: ensuring the same key twice keeps one row (and its role is updated). A revoked
   * key stays revoked ('revoked' says so): listing it in HOOKRELAY_API_KEYS again does not bring it back.
   */
  async ensureKey(tenantId: string, keyHash: string, role: ApiKeyRole, label: string): Promise<'ensured' | 'revoked'> {
    const existing = await this.keys.findOne({ where: { keyHash } });
    if (existing) {
      if (existing.tenantId !== tenantId) throw new Error(`API key "${label}" is already registered to another tenant`);
      if (existing.revokedAt) return 'revoked';
      if (existing.role !== role) await serializedWrite(this.dataSource, () => this.keys.update({ id: existing.id }, { role }));
      return 'ensured';
    }
    try {
      await serializedWrite(this.dataSource, () => this.keys.insert({ id: randomUUID(), tenantId, keyHash, role, label, createdAt: new Date(), revokedAt: null }));
    } catch (error) {
      // Two replicas ensuring the same key at boot: the other one won, which is the same outcome.
      if (!(await this.keys.findOne({ where: { keyHash } }))) throw error;
    }
    return 'ensured';
  }

  /** A tenant's keys, revoked ones included, oldest first (what `hookrelay key:list` shows). */
  async listKeys(tenantId: string): Promise<ApiKeyEntity[]> {
    return this.keys.find({ where: { tenantId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The key with this hash (revoked or not), or the keys whose id starts with `idPrefix`. */
  async findKeysForRevocation(keyHash: string, idPrefix: string | null): Promise<ApiKeyEntity[]> {
    const byHash = await this.keys.findOne({ where: { keyHash } });
    if (byHash) return [byHash];
    if (idPrefix === null) return [];
    return this.keys.createQueryBuilder('k').where('k.id LIKE :prefix', { prefix: `${idPrefix}%` }).orderBy('k.id').limit(10).getMany();
  }

  async findTenantById(id: string): Promise<TenantEntity | null> {
    return this.tenants.findOne({ where: { id } });
  }

  /** Revokes a key for good (nothing un-revokes it); false when it was revoked already. */
  async revokeKey(id: string, at: Date): Promise<boolean> {
    const result = await serializedWrite(this.dataSource, () => this.keys.update({ id, revokedAt: IsNull() }, { revokedAt: at }));
    return (result.affected ?? 0) > 0;
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
