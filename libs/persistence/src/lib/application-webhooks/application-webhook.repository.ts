import { DataSource, Repository } from 'typeorm';
import { serializedWrite } from '../data-source/serialized-write.util';
import { ApplicationWebhookEntity } from './application-webhook.entity';

export class ApplicationWebhookRepository {
  private readonly repo: Repository<ApplicationWebhookEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(ApplicationWebhookEntity);
  }

  async findForApplication(tenantId: string, applicationId: number): Promise<ApplicationWebhookEntity | null> {
    return this.repo.findOne({ where: { tenantId, applicationId } });
  }

  /** Create or replace in one statement (INSERT … ON CONFLICT), so concurrent PUTs never fail. */
  async upsert(entity: ApplicationWebhookEntity): Promise<void> {
    await serializedWrite(this.dataSource, () => this.repo.upsert(entity, { conflictPaths: ['tenantId', 'applicationId'], skipUpdateIfNoValuesChanged: false }));
  }

  async delete(tenantId: string, applicationId: number): Promise<boolean> {
    const result = await serializedWrite(this.dataSource, () => this.repo.delete({ tenantId, applicationId }));
    return (result.affected ?? 0) > 0;
  }
}
