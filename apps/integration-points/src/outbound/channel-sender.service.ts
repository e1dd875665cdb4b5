import { Injectable } from '@nestjs/common';
import { ChannelSendResult, SendThroughChannelCommand, ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { DeliveryProducer } from '@hookrelay/delivery';
import { IntegrationPointEntity, IntegrationPointRepository } from '@hookrelay/persistence';
import { IntegrationPointViews } from '../integration-points/integration-point-views';

/** Each attempt of an outbound send gets this long; integration points have no timeout setting. */
const SEND_TIMEOUT_MS = 10_000;
/** One attempt plus retries on the engine's fixed schedule (5 s, 30 s, 2 min, 10 min, 30 min…). */
const SEND_MAX_ATTEMPTS = 6;

/**
 * Sends a message through a channel to its url with `Authorization: Bearer <token_remote>`, durably:
 * the message becomes a delivery (signed, retried, logged in GET /callback) before the caller is answered.
 */
@Injectable()
export class ChannelSenderService {
  constructor(
    private readonly points: IntegrationPointRepository,
    private readonly views: IntegrationPointViews,
    private readonly producer: DeliveryProducer,
  ) {}

  async send({ tenantId, channel, payload }: SendThroughChannelCommand): Promise<ChannelSendResult> {
    const point = await this.find(tenantId, channel);
    if (!point.url) throw new ServiceException(ServiceErrorCode.BadRequest, `integration point "${point.code}" has no url to send to`);
    const { token_remote: token } = this.views.view(point);
    const [delivery] = await this.producer.enqueue([{
      tenantId,
      source: 'integration_point',
      subscriptionId: point.id,
      url: point.url,
      event: point.sendSvcScriptCode || 'send',
      payload: JSON.stringify(payload),
      headers: {},
      policy: { kind: 'bearer', timeoutMs: SEND_TIMEOUT_MS, maxAttempts: SEND_MAX_ATTEMPTS },
      authorization: token ? `Bearer ${token}` : null,
    }]);
    return { id: delivery!.id, accepted: true };
  }

  private async find(tenantId: string, channel: string): Promise<IntegrationPointEntity> {
    const point = (await this.points.findById(tenantId, channel)) ?? (await this.points.findByCode(tenantId, channel));
    if (!point) throw new ServiceException(ServiceErrorCode.NotFound, 'integration point not found');
    return point;
  }
}
