import { Injectable } from '@nestjs/common';
import { CallbackByIdCommand, CallbackView, ListCallbacksCommand, ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { DeliveryProducer, endpointOf } from '@hookrelay/delivery';
import { CONPEEK_CALLBACK_QUERY_SCHEMA, FilterSyntaxError, parseConpeekCallbackQuery } from '@hookrelay/filtering';
import { DeliveryRepository, EndpointHealthEntity, EndpointHealthRepository } from '@hookrelay/persistence';
import { toDeliveryPageQuery } from './callback-log-query.mapper';
import { toCallbackView } from './callback.mapper';

const notFound = (): ServiceException => new ServiceException(ServiceErrorCode.NotFound, 'callback not found');

/** The Conpeek callback log over every source's deliveries (envelope callbacks, webhooks, integration points). */
@Injectable()
export class CallbackLogService {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly producer: DeliveryProducer,
    private readonly endpoints: EndpointHealthRepository,
  ) {}

  async list({ tenantId, query }: ListCallbacksCommand): Promise<CallbackView[]> {
    let parsed;
    try {
      parsed = parseConpeekCallbackQuery(query, CONPEEK_CALLBACK_QUERY_SCHEMA);
    } catch (error) {
      if (error instanceof FilterSyntaxError) throw new ServiceException(ServiceErrorCode.BadRequest, error.message);
      throw error;
    }
    const page = await this.deliveries.page(tenantId, toDeliveryPageQuery(parsed));
    return page.map((delivery) => toCallbackView(delivery));
  }

  async get({ tenantId, id }: CallbackByIdCommand): Promise<CallbackView> {
    const delivery = await this.deliveries.findById(tenantId, id);
    if (!delivery) throw notFound();
    return toCallbackView(delivery, await this.deliveries.attemptsOf(delivery.id));
  }

  /**
   * Deliver again now, on the same record and webhook-id — closed ones too. A recall is also the user
   * action that resumes a paused endpoint.
   */
  async recall({ tenantId, id }: CallbackByIdCommand): Promise<{ recalled: true }> {
    const now = new Date();
    const delivery = await this.deliveries.findById(tenantId, id);
    if (!delivery) throw notFound();
    const endpoint = endpointOf(delivery.url);
    if ((await this.endpoints.find(tenantId, endpoint))?.pausedAt) {
      await this.endpoints.save(Object.assign(new EndpointHealthEntity(), { tenantId, endpoint, failingSince: null, pausedAt: null, lastError: null }));
    }
    if (!(await this.deliveries.recall(tenantId, id, now))) throw notFound();
    await this.producer.publish([{ tenantId, deliveryId: id }], (job) => `${job.deliveryId}:recall:${now.getTime()}`);
    return { recalled: true };
  }
}
