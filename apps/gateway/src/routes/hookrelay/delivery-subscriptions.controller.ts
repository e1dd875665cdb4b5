import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { DELIVERY_SUBSCRIPTION_SUBJECTS_V1, PausedSubscriptionView, ResumedSubscriptionView, ResumeSubscriptionCommand } from '@hookrelay/contracts';
import { ServiceClient } from '@hookrelay/messaging';
import { CurrentPrincipal, Principal } from '../../auth/principal';

/** Hookrelay's operator API: paused subscriptions and resuming them; routing only (callbacks service). */
@Controller('hookrelay/v1/subscriptions')
export class DeliverySubscriptionsController {
  constructor(private readonly services: ServiceClient) {}

  @Get('paused')
  async paused(@CurrentPrincipal() who: Principal): Promise<{ data: PausedSubscriptionView[] }> {
    return { data: await this.services.request(DELIVERY_SUBSCRIPTION_SUBJECTS_V1.listPaused, { tenantId: who.tenantId }) };
  }

  @Post(':source/:subscription_id/resume')
  @HttpCode(200)
  async resume(@CurrentPrincipal() who: Principal, @Param('source') source: string, @Param('subscription_id') subscriptionId: string): Promise<{ data: ResumedSubscriptionView }> {
    const command = { tenantId: who.tenantId, source: source as ResumeSubscriptionCommand['source'], subscriptionId };
    return { data: await this.services.request(DELIVERY_SUBSCRIPTION_SUBJECTS_V1.resume, command) };
  }
}
