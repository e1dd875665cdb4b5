import { Injectable } from '@nestjs/common';
import { MAX_EVENT_PAYLOAD_BYTES, PublishApplicationEventCommand, PublishedApplicationEvent, ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { DeliveryProducer } from '@hookrelay/delivery';
import { formatConpeekDate } from '@hookrelay/filtering';
import { toDeliveryPolicy } from './application-webhook.mapper';
import { ApplicationWebhooksService, subscriptionOf } from './application-webhooks.service';

/** Application events become deliveries to the application's webhook, stored before "accepted". */
@Injectable()
export class ApplicationEventsService {
  constructor(
    private readonly webhooks: ApplicationWebhooksService,
    private readonly producer: DeliveryProducer,
  ) {}

  async publish({ tenantId, applicationId, body }: PublishApplicationEventCommand): Promise<PublishedApplicationEvent> {
    const webhook = await this.webhooks.require(tenantId, applicationId);
    const payload = JSON.stringify({ event_name: body.event_name, event_time: body.event_time ?? formatConpeekDate(new Date()), event_type: body.event_type, data: body.data });
    if (Buffer.byteLength(payload) > MAX_EVENT_PAYLOAD_BYTES) {
      throw new ServiceException(ServiceErrorCode.PayloadTooLarge, `an event may be at most ${MAX_EVENT_PAYLOAD_BYTES} bytes as JSON`);
    }
    const ref = subscriptionOf(tenantId, applicationId);
    const [delivery] = await this.producer.enqueue([{
      tenantId, source: ref.source, subscriptionId: ref.subscriptionId, url: webhook.url, event: body.event_name, payload,
      headers: webhook.headers, policy: toDeliveryPolicy(webhook), authorization: null,
    }]);
    return { id: delivery!.id };
  }
}
