import { Injectable } from '@nestjs/common';
import {
  DeliveryByIdCommand, DeliveryDetailView, DeliveryLogPage, ListDeliveriesCommand, ReplayedDeliveryView, ServiceErrorCode, ServiceException,
} from '@hookrelay/contracts';
import { DeliveryEngine, DeliveryLog } from '@hookrelay/delivery';
import { encodeDeliveryCursor, parseDeliveryLogQuery } from '@hookrelay/filtering';
import { toDeliveryKeysetQuery } from './delivery-keyset-query.mapper';
import { toDeliveryDetailView, toDeliverySummaryView } from './delivery-views.mapper';
import { parseOrBadRequest } from './parse-or-bad-request.util';

const notFound = (): ServiceException => new ServiceException(ServiceErrorCode.NotFound, 'delivery not found');

/**
 * Hookrelay's own delivery log (the console's Deliveries page). Budget per page: one keyset query on an
 * index that matches the filter (migration 1763800000480) and one query for the page's latest attempts.
 */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly log: DeliveryLog,
    private readonly engine: DeliveryEngine,
  ) {}

  async list({ tenantId, query }: ListDeliveriesCommand): Promise<DeliveryLogPage> {
    const parsed = parseOrBadRequest(() => parseDeliveryLogQuery({ ...query }));
    // One row more than asked tells whether another page follows, without a count.
    const rows = await this.log.keysetPage(tenantId, toDeliveryKeysetQuery(parsed.filter, parsed.before, parsed.limit + 1));
    const page = rows.slice(0, parsed.limit);
    const latest = await this.log.latestAttemptsOf(page.map((row) => row.id));
    const last = page[page.length - 1];
    return {
      data: page.map((row) => toDeliverySummaryView(row, latest.get(row.id))),
      next_before: rows.length > parsed.limit && last ? encodeDeliveryCursor({ createdAt: last.createdAt.getTime(), id: last.id }) : null,
    };
  }

  async get({ tenantId, id }: DeliveryByIdCommand): Promise<DeliveryDetailView> {
    const delivery = await this.log.find(tenantId, id);
    if (!delivery) throw notFound();
    const [attempts, headers] = await Promise.all([
      this.log.attemptsOf(delivery.id),
      this.engine.previewHeaders({ tenantId, source: delivery.source, subscriptionId: delivery.subscriptionId }, delivery),
    ]);
    return toDeliveryDetailView(delivery, attempts, headers ?? {});
  }

  /** Deliver again now, same record and webhook-id (as POST /callback/{id}/recall). */
  async replay({ tenantId, id }: DeliveryByIdCommand): Promise<ReplayedDeliveryView> {
    if (!(await this.engine.recall(tenantId, id))) throw notFound();
    return { replayed: true, id };
  }
}
