import { DataSource, Repository } from 'typeorm';
import { serializedWrite } from '../data-source/serialized-write.util';
import { isUniqueViolation } from '../data-source/unique-violation.util';
import { OperationalWebhookEntity } from './operational-webhook.entity';

/** A save that loses a race tries again: an insert beaten by another's, an update beaten by a removal. */
const MAX_SAVE_ATTEMPTS = 3;

/** A tenant's operational webhook registration (one per tenant); its target lives with the delivery engine. */
export class OperationalWebhookRepository {
  private readonly webhooks: Repository<OperationalWebhookEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.webhooks = dataSource.getRepository(OperationalWebhookEntity);
  }

  findByTenant(tenantId: string): Promise<OperationalWebhookEntity | null> {
    return this.webhooks.findOne({ where: { tenantId } });
  }

  /**
   * Creates or replaces the event list; created_at is kept from the first registration. Safe when two PUTs of
   * one tenant race (PostgreSQL runs them at once): the one whose insert loses to the other's primary key
   * updates the row the other created, and only the winner reports created.
   */
  async save(tenantId: string, events: readonly string[], at: Date): Promise<{ entity: OperationalWebhookEntity; created: boolean }> {
    const list = events.join(',');
    for (let attempt = 1; ; attempt++) {
      const existing = await this.findByTenant(tenantId);
      if (existing) {
        const updated = await serializedWrite(this.dataSource, () => this.webhooks.update({ tenantId }, { events: list, updatedAt: at }));
        // 0 rows: removed between the read and the update; register it afresh.
        if ((updated.affected ?? 0) > 0) return { entity: { ...existing, events: list, updatedAt: at }, created: false };
      } else {
        const entity: OperationalWebhookEntity = { tenantId, events: list, createdAt: at, updatedAt: at };
        try {
          await serializedWrite(this.dataSource, () => this.webhooks.insert(entity));
          return { entity, created: true };
        } catch (error) {
          // Another registration of this tenant committed first: the next turn updates it.
          if (!isUniqueViolation(error) || attempt >= MAX_SAVE_ATTEMPTS) throw error;
        }
      }
      if (attempt >= MAX_SAVE_ATTEMPTS) throw new Error(`operational webhook of tenant ${tenantId} changed under ${MAX_SAVE_ATTEMPTS} attempts to save it`);
    }
  }

  /** True if there was one. */
  async removeForTenant(tenantId: string): Promise<boolean> {
    const result = await serializedWrite(this.dataSource, () => this.webhooks.delete({ tenantId }));
    return (result.affected ?? 0) > 0;
  }
}
