import { Injectable } from '@nestjs/common';
import {
  ListOperationalEventsCommand, OPERATIONAL_EVENT_TYPES_V1, OperationalEventPageView, OperationalWebhookRefCommand, OperationalWebhookView,
  PutOperationalWebhookCommand, ServiceErrorCode, ServiceException,
} from '@hookrelay/contracts';
import { OperationalEventLog, OperationalWebhooks, TargetUrlPolicy } from '@hookrelay/delivery';
import { operationalEventCursor, parseOperationalEventListQuery } from './operational-event-list-query.parser';
import { toOperationalEventView, toOperationalWebhookView } from './operational-event.mapper';

/** A tenant's operational webhook and its operational events (ADR 0012). */
@Injectable()
export class OperationalEventsService {
  constructor(private readonly webhooks: OperationalWebhooks, private readonly log: OperationalEventLog, private readonly urls: TargetUrlPolicy) {}

  async getWebhook({ tenantId }: OperationalWebhookRefCommand): Promise<OperationalWebhookView> {
    const registration = await this.webhooks.find(tenantId);
    if (!registration) throw noWebhook();
    return toOperationalWebhookView(registration);
  }

  async putWebhook({ tenantId, body }: PutOperationalWebhookCommand): Promise<OperationalWebhookView> {
    // Refused now rather than at every delivery (closed unsent), like every registration path.
    const refused = this.urls.refusalOf(body.url);
    if (refused !== null) throw new ServiceException(ServiceErrorCode.BadRequest, `url is not allowed: ${refused}`);
    const events = OPERATIONAL_EVENT_TYPES_V1.filter((type) => (body.events ?? OPERATIONAL_EVENT_TYPES_V1).includes(type));
    const { registration, createdSecret } = await this.webhooks.put(tenantId, body.url, events);
    const view = toOperationalWebhookView(registration);
    return createdSecret ? { ...view, signing_secret: createdSecret } : view;
  }

  async deleteWebhook({ tenantId }: OperationalWebhookRefCommand): Promise<{ deleted: true }> {
    if (!(await this.webhooks.remove(tenantId))) throw noWebhook();
    return { deleted: true };
  }

  /** Newest first; one row more is read to know whether another page follows. */
  async listEvents({ tenantId, query }: ListOperationalEventsCommand): Promise<OperationalEventPageView> {
    const { limit, before } = parseOperationalEventListQuery(query);
    const rows = await this.log.newestFirst(tenantId, limit + 1, before);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { data: page.map(toOperationalEventView), next_before: rows.length > limit && last ? operationalEventCursor(last.occurredAt.getTime(), last.id) : null };
  }
}

function noWebhook(): ServiceException {
  return new ServiceException(ServiceErrorCode.NotFound, 'this tenant has no operational webhook');
}
