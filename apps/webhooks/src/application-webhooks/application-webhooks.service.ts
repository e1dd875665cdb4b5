import { Injectable } from '@nestjs/common';
import {
  ApplicationWebhookView, DeleteApplicationWebhookCommand, GetApplicationWebhookCommand, PutApplicationWebhookCommand, ServiceErrorCode,
  ServiceException,
} from '@hookrelay/contracts';
import { ApplicationWebhookEntity, ApplicationWebhookRepository, StoredRetryConfig } from '@hookrelay/persistence';
import { toApplicationWebhookView } from './application-webhook.mapper';

/** With retries disabled and no config given, what GET shows: one attempt, no delays. */
const NO_RETRY: StoredRetryConfig = { retry_value: 10, max_retries: 0, backoff_type: 'constant', backoff_value: 0 };

const noWebhook = (applicationId: number): ServiceException =>
  new ServiceException(ServiceErrorCode.NotFound, `application ${applicationId} has no webhook`);

@Injectable()
export class ApplicationWebhooksService {
  constructor(private readonly webhooks: ApplicationWebhookRepository) {}

  async put({ tenantId, applicationId, body }: PutApplicationWebhookCommand): Promise<ApplicationWebhookView> {
    if (body.retry_enabled === 1 && !body.retry_config) {
      throw new ServiceException(ServiceErrorCode.BadRequest, 'retry_config is required when retry_enabled is 1');
    }
    if (body.retry_config?.backoff_type === 'multiplier' && body.retry_config.backoff_value < 1) {
      throw new ServiceException(ServiceErrorCode.BadRequest, 'retry_config.backoff_value must be at least 1 for the multiplier backoff');
    }
    const existing = await this.webhooks.findForApplication(tenantId, applicationId);
    const now = new Date();
    const entity = Object.assign(new ApplicationWebhookEntity(), {
      tenantId,
      applicationId,
      url: body.url,
      retryEnabled: body.retry_enabled === 1,
      retryConfig: body.retry_config ? { ...body.retry_config } : NO_RETRY,
      headers: body.headers ?? {},
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    await this.webhooks.upsert(entity);
    return toApplicationWebhookView(entity);
  }

  async get({ tenantId, applicationId }: GetApplicationWebhookCommand): Promise<ApplicationWebhookView> {
    const entity = await this.webhooks.findForApplication(tenantId, applicationId);
    if (!entity) throw noWebhook(applicationId);
    return toApplicationWebhookView(entity);
  }

  async delete({ tenantId, applicationId }: DeleteApplicationWebhookCommand): Promise<{ deleted: true }> {
    if (!(await this.webhooks.delete(tenantId, applicationId))) throw noWebhook(applicationId);
    return { deleted: true };
  }
}
