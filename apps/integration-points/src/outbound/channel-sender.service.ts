import { Injectable } from '@nestjs/common';
import { ChannelSendResult, SendThroughChannelCommand, ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { DeliveryEngine } from '@hookrelay/delivery';
import { IntegrationPointEntity, IntegrationPointRepository } from '@hookrelay/persistence';
import { IntegrationPointViews } from '../integration-points/integration-point-views';
import { refOf } from '../integration-points/integration-points.service';
import { CHANNEL_SEND_POLICY } from './channel-send.policy';

/**
 * Sends a message through a channel to its url with `Authorization: Bearer <token_remote>`, durably:
 * the message becomes a delivery (signed, retried, logged in GET /callback) before the caller is answered.
 */
@Injectable()
export class ChannelSenderService {
  constructor(
    private readonly points: IntegrationPointRepository,
    private readonly views: IntegrationPointViews,
    private readonly engine: DeliveryEngine,
  ) {}

  async send({ tenantId, channel, payload, idempotencyKey }: SendThroughChannelCommand): Promise<ChannelSendResult> {
    const point = await this.find(tenantId, channel);
    if (!point.url) throw new ServiceException(ServiceErrorCode.BadRequest, `integration point "${point.code}" has no url to send to`);
    const { token_remote: token } = this.views.view(point);
    return this.engine.intake.accept([{
      ...refOf(tenantId, point.id),
      url: point.url,
      event: point.sendSvcScriptCode || 'send',
      payload: JSON.stringify(payload),
      headers: {},
      policy: CHANNEL_SEND_POLICY,
      authorization: token ? `Bearer ${token}` : null,
    }], {
      idempotency: idempotencyKey === undefined ? undefined : { tenantId, key: `integration-points.channel-send:${point.id}:${idempotencyKey}` },
      reply: ([id]): ChannelSendResult => ({ id: id!, accepted: true }),
    });
  }

  private async find(tenantId: string, channel: string): Promise<IntegrationPointEntity> {
    const point = (await this.points.findById(tenantId, channel)) ?? (await this.points.findByCode(tenantId, channel));
    if (!point) throw new ServiceException(ServiceErrorCode.NotFound, 'integration point not found');
    return point;
  }
}
