import { DataSource, Repository } from 'typeorm';
import { serializedWrite } from '../data-source/serialized-write.util';
import { DeliverySource } from './delivery.entity';
import { SubscriptionSecretEntity } from './subscription-secret.entity';

export class SubscriptionSecretRepository {
  private readonly repo: Repository<SubscriptionSecretEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(SubscriptionSecretEntity);
  }

  async find(tenantId: string, source: DeliverySource, subscriptionId: string): Promise<SubscriptionSecretEntity | null> {
    return this.repo.findOne({ where: { tenantId, source, subscriptionId } });
  }

  async put(entity: SubscriptionSecretEntity): Promise<void> {
    await serializedWrite(this.dataSource, () => this.repo.upsert(entity, { conflictPaths: ['tenantId', 'source', 'subscriptionId'], skipUpdateIfNoValuesChanged: false }));
  }

  async delete(tenantId: string, source: DeliverySource, subscriptionId: string): Promise<void> {
    await serializedWrite(this.dataSource, () => this.repo.delete({ tenantId, source, subscriptionId }));
  }
}
