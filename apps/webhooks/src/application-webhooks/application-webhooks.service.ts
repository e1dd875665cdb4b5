import { Injectable } from '@nestjs/common';
import {
  ApplicationWebhookView, DeleteApplicationWebhookCommand, GetApplicationWebhookCommand, PutApplicationWebhookCommand, ServiceErrorCode,
  ServiceException,
} from '@hookrelay/contracts';
import { DeliveryEngine, SubscriptionKey, TargetConfig, TargetUrlPolicy } from '@hookrelay/delivery';
import { ApplicationWebhookEntity, ApplicationWebhookRepository, StoredRetryConfig } from '@hookrelay/persistence';
import { ApplicationWebhookHeaders } from './application-webhook-headers';
import { toApplicationWebhookView, toDeliveryPolicy } from './application-webhook.mapper';

/** With retries disabled and no config given, what GET shows: one attempt, no delays. */
const NO_RETRY: StoredRetryConfig = { retry_value: 10, max_retries: 0, backoff_type: 'constant', backoff_value: 0 };

export const noWebhook = (applicationId: number): ServiceException =>
  new ServiceException(ServiceErrorCode.NotFound, `application ${applicationId} has no webhook`);

export const subscriptionOf = (tenantId: string, applicationId: number): SubscriptionKey => ({
  tenantId, source: 'application_webhook', subscriptionId: String(applicationId),
});

@Injectable()
export class ApplicationWebhooksService {
  constructor(
    private readonly webhooks: ApplicationWebhookRepository,
    private readonly headers: ApplicationWebhookHeaders,
    private readonly engine: DeliveryEngine,
    private readonly urls: TargetUrlPolicy,
  ) {}

  async put({ tenantId, applicationId, body }: PutApplicationWebhookCommand): Promise<ApplicationWebhookView> {
    // Refused now rather than at every delivery (closed unsent): the connect-time guard still judges DNS answers.
    const refused = this.urls.refusalOf(body.url);
    if (refused !== null) throw new ServiceException(ServiceErrorCode.BadRequest, `url is not allowed: ${refused}`);
    if (body.retry_enabled === 1 && !body.retry_config) {
      throw new ServiceException(ServiceErrorCode.BadRequest, 'retry_config is required when retry_enabled is 1');
    }
    if (body.retry_config?.backoff_type === 'multiplier' && body.retry_config.backoff_value < 1) {
      throw new ServiceException(ServiceErrorCode.BadRequest, 'retry_config.backoff_value must be at least 1 for the multiplier backoff');
    }
    const existing = await this.webhooks.findForApplication(tenantId, applicationId);
    const now = new Date();
    const headers = body.headers ?? {};
    const entity = Object.assign(new ApplicationWebhookEntity(), {
      tenantId,
      applicationId,
      url: body.url,
      retryEnabled: body.retry_enabled === 1,
      retryConfig: body.retry_config ? { ...body.retry_config } : NO_RETRY,
      // Never in clear at rest: the plaintext column keeps only {}.
      headers: {},
      headersSealed: this.headers.seal(tenantId, applicationId, headers),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    await this.webhooks.upsert(entity);
    // The target applies to every delivery not closed yet, retries waiting included: attempts read it.
    const { createdSecret } = await this.engine.targets.upsert(subscriptionOf(tenantId, applicationId), targetOf(entity, headers));
    // Only an admin key may PUT: the writer sees what it wrote.
    const view = toApplicationWebhookView(entity, headers, 'admin');
    return !existing && createdSecret ? { ...view, signing_secret: createdSecret } : view;
  }

  async get({ tenantId, applicationId, viewerRole }: GetApplicationWebhookCommand): Promise<ApplicationWebhookView> {
    const entity = await this.require(tenantId, applicationId);
    return toApplicationWebhookView(entity, this.headers.open(entity), viewerRole);
  }

  /** Deleting the webhook cancels its pending deliveries; they stay visible in GET /callback. */
  async delete({ tenantId, applicationId }: DeleteApplicationWebhookCommand): Promise<{ deleted: true }> {
    if (!(await this.webhooks.delete(tenantId, applicationId))) throw noWebhook(applicationId);
    await this.engine.targets.remove(subscriptionOf(tenantId, applicationId));
    return { deleted: true };
  }

  async secret({ tenantId, applicationId }: GetApplicationWebhookCommand): Promise<{ signing_secret: string }> {
    await this.require(tenantId, applicationId);
    return { signing_secret: await this.engine.targets.currentSecret(subscriptionOf(tenantId, applicationId)) };
  }

  async rotateSecret({ tenantId, applicationId }: GetApplicationWebhookCommand): Promise<{ signing_secret: string }> {
    await this.require(tenantId, applicationId);
    return { signing_secret: await this.engine.targets.rotateSecret(subscriptionOf(tenantId, applicationId)) };
  }

  /** Where and how the application's deliveries go, from its stored webhook (404 if none). */
  async target(tenantId: string, applicationId: number): Promise<TargetConfig> {
    const entity = await this.require(tenantId, applicationId);
    return targetOf(entity, this.headers.open(entity));
  }

  async require(tenantId: string, applicationId: number): Promise<ApplicationWebhookEntity> {
    const entity = await this.webhooks.findForApplication(tenantId, applicationId);
    if (!entity) throw noWebhook(applicationId);
    return entity;
  }
}

/** Where and how the application's deliveries go (the engine's view of the webhook and its opened headers). */
export function targetOf(entity: ApplicationWebhookEntity, headers: Record<string, string>): TargetConfig {
  return {
    url: entity.url, headers, policy: toDeliveryPolicy(entity), authorization: null, group: String(entity.applicationId), label: `application ${entity.applicationId}`,
  };
}
