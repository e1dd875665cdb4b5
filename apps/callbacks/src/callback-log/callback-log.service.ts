import { Injectable } from '@nestjs/common';
import { CallbackByIdCommand, CallbackView, ListCallbacksCommand, ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { DeliveryProducer } from '@hookrelay/delivery';
import { CONPEEK_CALLBACK_QUERY_SCHEMA, FilterSyntaxError, parseConpeekCallbackQuery } from '@hookrelay/filtering';
import { DeliveryRepository } from '@hookrelay/persistence';
import { toDeliveryPageQuery } from './callback-log-query.mapper';
import { toCallbackView } from './callback.mapper';

const notFound = (): ServiceException => new ServiceException(ServiceErrorCode.NotFound, 'callback not found');

/** The Conpeek callback log over every source's deliveries (envelope callbacks, webhooks, integration points). */
@Injectable()
export class CallbackLogService {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly producer: DeliveryProducer,
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

  /** Deliver again now, on the same record and webhook-id — closed ones too. */
  async recall({ tenantId, id }: CallbackByIdCommand): Promise<{ recalled: true }> {
    const now = new Date();
    if (!(await this.deliveries.recall(tenantId, id, now))) throw notFound();
    await this.producer.publish([{ tenantId, deliveryId: id }], (job) => `${job.deliveryId}:recall:${now.getTime()}`);
    return { recalled: true };
  }
}
