import { Injectable } from '@nestjs/common';
import { CallbackByIdCommand, CallbackView, ListCallbacksCommand, ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { DeliveryEngine, DeliveryLog } from '@hookrelay/delivery';
import { CONPEEK_CALLBACK_QUERY_SCHEMA, parseConpeekCallbackQuery } from '@hookrelay/filtering';
import { parseOrBadRequest } from '../deliveries/parse-or-bad-request.util';
import { toDeliveryPageQuery } from './callback-log-query.mapper';
import { toCallbackView } from './callback.mapper';

const notFound = (): ServiceException => new ServiceException(ServiceErrorCode.NotFound, 'callback not found');

/** The Conpeek callback log over every source's deliveries (envelope callbacks, webhooks, integration points). */
@Injectable()
export class CallbackLogService {
  constructor(
    private readonly log: DeliveryLog,
    private readonly engine: DeliveryEngine,
  ) {}

  async list({ tenantId, query }: ListCallbacksCommand): Promise<CallbackView[]> {
    const parsed = parseOrBadRequest(() => parseConpeekCallbackQuery(query, CONPEEK_CALLBACK_QUERY_SCHEMA));
    const page = await this.log.page(tenantId, toDeliveryPageQuery(parsed));
    return page.map((delivery) => toCallbackView(delivery));
  }

  async get({ tenantId, id }: CallbackByIdCommand): Promise<CallbackView> {
    const delivery = await this.log.find(tenantId, id);
    if (!delivery) throw notFound();
    return toCallbackView(delivery, await this.log.attemptsOf(delivery.id));
  }

  /**
   * Deliver again now, on the same record and webhook-id — closed ones too. A recall is also the user
   * action that resumes a paused subscription.
   */
  async recall({ tenantId, id }: CallbackByIdCommand): Promise<{ recalled: true }> {
    if (!(await this.engine.recall(tenantId, id))) throw notFound();
    return { recalled: true };
  }
}
