import { Injectable } from '@nestjs/common';
import { MAX_EVENT_PAYLOAD_BYTES, PublishApplicationEventCommand, PublishedApplicationEvent, ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { DeliveryEngine, TargetConfig } from '@hookrelay/delivery';
import { formatConpeekDate } from '@hookrelay/filtering';
import { ApplicationWebhooksService, subscriptionOf } from './application-webhooks.service';

/**
 * Application events become deliveries to the application's webhook, stored before "accepted". The webhook
 * comes from the engine's target cache (no database read in steady state); a webhook with no target yet
 * (created before targets existed) is read from its table.
 */
@Injectable()
export class ApplicationEventsService {
  constructor(
    private readonly webhooks: ApplicationWebhooksService,
    private readonly engine: DeliveryEngine,
  ) {}

  async publish({ tenantId, applicationId, body, idempotencyKey }: PublishApplicationEventCommand): Promise<PublishedApplicationEvent> {
    const ref = subscriptionOf(tenantId, applicationId);
    const target = await this.target(tenantId, applicationId);
    const payload = JSON.stringify({ event_name: body.event_name, event_time: body.event_time ?? formatConpeekDate(new Date()), event_type: body.event_type, data: body.data });
    if (Buffer.byteLength(payload) > MAX_EVENT_PAYLOAD_BYTES) {
      throw new ServiceException(ServiceErrorCode.PayloadTooLarge, `an event may be at most ${MAX_EVENT_PAYLOAD_BYTES} bytes as JSON`);
    }
    return this.engine.intake.accept(
      [{ ...ref, url: target.url, event: body.event_name, payload, headers: target.headers, policy: target.policy, authorization: null }],
      {
        idempotency: idempotencyKey === undefined ? undefined : { tenantId, key: `webhooks.application-event:${applicationId}:${idempotencyKey}` },
        reply: ([id]) => ({ id: id! }),
      },
    );
  }

  private async target(tenantId: string, applicationId: number): Promise<TargetConfig> {
    const cached = await this.engine.cache.get(subscriptionOf(tenantId, applicationId)).catch(() => null);
    if (cached?.config) return cached.config;
    return this.webhooks.target(tenantId, applicationId);
  }
}
