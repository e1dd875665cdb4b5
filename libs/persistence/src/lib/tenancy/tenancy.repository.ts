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

  /** Idempotent on the hash: ensuring the same key twice keeps one row (and its role is updated). */
  async ensureKey(tenantId: string, keyHash: string, role: ApiKeyRole, label: string): Promise<void> {
    const existing = await this.keys.findOne({ where: { keyHash } });
    if (existing) {
      if (existing.tenantId !== tenantId) throw new Error(`API key "${label}" is already registered to another tenant`);
      if (existing.role !== role || existing.revokedAt) await serializedWrite(this.dataSource, () => this.keys.update({ id: existing.id }, { role, revokedAt: null }));
      return;
    }
    try {
      await serializedWrite(this.dataSource, () => this.keys.insert({ id: randomUUID(), tenantId, keyHash, role, label, createdAt: new Date(), revokedAt: null }));
    } catch (error) {
      // Two replicas ensuring the same key at boot: the other one won, which is the same outcome.
      if (!(await this.keys.findOne({ where: { keyHash } }))) throw error;
    }
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
