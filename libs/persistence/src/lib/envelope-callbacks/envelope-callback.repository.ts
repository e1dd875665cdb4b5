import { DataSource, Repository } from 'typeorm';
import { EnvelopeCallbackEntity } from './envelope-callback.entity';

export class EnvelopeCallbackRepository {
  private readonly repo: Repository<EnvelopeCallbackEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(EnvelopeCallbackEntity);
  }

  async insert(entity: EnvelopeCallbackEntity): Promise<void> {
    await this.repo.insert(entity);
  }

  async listForMailbox(tenantId: string, mailbox: string): Promise<EnvelopeCallbackEntity[]> {
    return this.repo.find({ where: { tenantId, mailbox }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async deleteFromMailbox(tenantId: string, mailbox: string, id: string): Promise<boolean> {
    const result = await this.repo.delete({ tenantId, mailbox, id });
    return (result.affected ?? 0) > 0;
  }
}
