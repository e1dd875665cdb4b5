import { DataSource, Repository } from 'typeorm';
import { serializedWrite } from '../data-source/serialized-write.util';
import { OperationalWebhookEntity } from './operational-webhook.entity';

/** A tenant's operational webhook registration (one per tenant); its target lives with the delivery engine. */
export class OperationalWebhookRepository {
  private readonly webhooks: Repository<OperationalWebhookEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.webhooks = dataSource.getRepository(OperationalWebhookEntity);
  }

  findByTenant(tenantId: string): Promise<OperationalWebhookEntity | null> {
    return this.webhooks.findOne({ where: { tenantId } });
  }

  /** Creates or replaces the event list; created_at is kept from the first registration. */
  async save(tenantId: string, events: readonly string[], at: Date): Promise<{ entity: OperationalWebhookEntity; created: boolean }> {
    const existing = await this.findByTenant(tenantId);
    const entity: OperationalWebhookEntity = { tenantId, events: events.join(','), createdAt: existing?.createdAt ?? at, updatedAt: at };
    await serializedWrite(this.dataSource, () => this.webhooks.save(entity));
    return { entity, created: existing === null };
  }

  /** True if there was one. */
  async removeForTenant(tenantId: string): Promise<boolean> {
    const result = await serializedWrite(this.dataSource, () => this.webhooks.delete({ tenantId }));
    return (result.affected ?? 0) > 0;
  }
}
