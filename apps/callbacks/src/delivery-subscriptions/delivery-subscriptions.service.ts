import { Injectable } from '@nestjs/common';
import {
  ListPausedSubscriptionsCommand, ListSubscriptionsCommand, PausedSubscriptionView, ResumedSubscriptionView, ResumeSubscriptionCommand, ServiceErrorCode,
  ServiceException, SubscriptionPageView, SubscriptionRefCommand,
} from '@hookrelay/contracts';
import { DeliveryEngine } from '@hookrelay/delivery';
import { formatConpeekDate } from '@hookrelay/filtering';
import { parseSubscriptionListQuery, subscriptionCursor } from './subscription-list-query.parser';
import { toSubscriptionView } from './subscription.mapper';

const PAUSED_PAGE = 1000;

/** Every source's subscriptions as the engine holds them: listing, pausing, resuming, rotating the secret. */
@Injectable()
export class DeliverySubscriptionsService {
  constructor(private readonly engine: DeliveryEngine) {}

  async listPaused({ tenantId }: ListPausedSubscriptionsCommand): Promise<PausedSubscriptionView[]> {
    const paused = await this.engine.targets.listPaused(tenantId, PAUSED_PAGE);
    return paused.map((p) => ({
      source: p.source, subscription_id: p.subscriptionId, url: p.url, paused_date: formatConpeekDate(new Date(p.pausedAt)),
      failing_since_date: p.failingSince === null ? null : formatConpeekDate(new Date(p.failingSince)), last_error: p.lastError,
    }));
  }

  /** One page in (source, subscription id) order; one row more is read to know whether another page follows. */
  async list({ tenantId, query }: ListSubscriptionsCommand): Promise<SubscriptionPageView> {
    const parsed = parseSubscriptionListQuery(query);
    const rows = await this.engine.targets.list(tenantId, { ...parsed, limit: parsed.limit + 1 });
    const page = rows.slice(0, parsed.limit);
    const last = page[page.length - 1];
    return { data: page.map(toSubscriptionView), next_after: rows.length > parsed.limit && last ? subscriptionCursor(last.source, last.subscriptionId) : null };
  }

  /** Un-pauses; what closed DISABLED while it was paused is sent again. */
  async resume({ tenantId, source, subscriptionId }: ResumeSubscriptionCommand): Promise<ResumedSubscriptionView> {
    const reopened = await this.engine.targets.resume({ tenantId, source, subscriptionId });
    if (reopened === null) throw notFound(source, subscriptionId);
    return { resumed: true, reopened };
  }

  /** An operator's pause; pausing a paused one changes nothing. */
  async pause({ tenantId, source, subscriptionId }: SubscriptionRefCommand): Promise<{ paused: true }> {
    if ((await this.engine.targets.pause({ tenantId, source, subscriptionId })) === null) throw notFound(source, subscriptionId);
    return { paused: true };
  }

  /** A new signing secret; the previous one stays valid for 24 h. */
  async rotateSecret({ tenantId, source, subscriptionId }: SubscriptionRefCommand): Promise<{ signing_secret: string }> {
    const key = { tenantId, source, subscriptionId };
    // rotateSecret would create a target for an unknown subscription: check first.
    if (!(await this.engine.targets.exists(key))) throw notFound(source, subscriptionId);
    return { signing_secret: await this.engine.targets.rotateSecret(key) };
  }
}

function notFound(source: string, subscriptionId: string): ServiceException {
  return new ServiceException(ServiceErrorCode.NotFound, `no ${source} subscription "${subscriptionId}"`);
}
