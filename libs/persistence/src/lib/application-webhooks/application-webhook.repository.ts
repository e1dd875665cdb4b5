import { DataSource, IsNull, Not, Repository } from 'typeorm';
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

  /** Webhooks whose custom headers are still in the plaintext column (rows from before they were sealed), any tenant. */
  async findWithPlaintextHeaders(limit: number): Promise<ApplicationWebhookEntity[]> {
    return this.repo.find({ where: { headersSealed: IsNull(), headers: Not('{}') }, order: { tenantId: 'ASC', applicationId: 'ASC' }, take: limit });
  }

  /**
   * Moves one webhook's headers to their sealed column and empties the plaintext one — only if it is still
   * unsealed (another replica, or a PUT, may have written it meanwhile). True if it applied.
   */
  async sealHeaders(tenantId: string, applicationId: number, headersSealed: string): Promise<boolean> {
    const result = await serializedWrite(this.dataSource, () =>
      this.repo.update({ tenantId, applicationId, headersSealed: IsNull() }, { headersSealed, headers: {} }));
    return (result.affected ?? 0) > 0;
  }

  async delete(tenantId: string, applicationId: number): Promise<boolean> {
    const result = await serializedWrite(this.dataSource, () => this.repo.delete({ tenantId, applicationId }));
    return (result.affected ?? 0) > 0;
  }
}
