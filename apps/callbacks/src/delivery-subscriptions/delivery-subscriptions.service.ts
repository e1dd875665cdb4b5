import { Injectable } from '@nestjs/common';
import {
  ListPausedSubscriptionsCommand, PausedSubscriptionView, ResumedSubscriptionView, ResumeSubscriptionCommand, ServiceErrorCode, ServiceException,
} from '@hookrelay/contracts';
import { DeliveryEngine } from '@hookrelay/delivery';
import { formatConpeekDate } from '@hookrelay/filtering';

const PAUSED_PAGE = 1000;

/** Paused subscriptions (the per-subscription circuit breaker) and resuming them, for every source. */
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

  /** Un-pauses; what closed DISABLED while it was paused is sent again. */
  async resume({ tenantId, source, subscriptionId }: ResumeSubscriptionCommand): Promise<ResumedSubscriptionView> {
    const reopened = await this.engine.targets.resume({ tenantId, source, subscriptionId });
    if (reopened === null) throw new ServiceException(ServiceErrorCode.NotFound, `no ${source} subscription "${subscriptionId}"`);
    return { resumed: true, reopened };
  }
}
