import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  DELIVERY_SUBSCRIPTION_SUBJECTS_V1, PausedSubscriptionView, ResumedSubscriptionView, ResumeSubscriptionCommand, SubscriptionView,
} from '@hookrelay/contracts';
import { ServiceClient } from '@hookrelay/messaging';
import { CurrentPrincipal, Principal, ShowsCredentials } from '../../auth/principal';
import { singleQueryValues } from '../../http/relay.util';

const LIST_PARAMS = ['source', 'paused', 'limit', 'after'] as const;

/** Hookrelay's operator API over every source's subscriptions: list, paused ones, pause, resume, rotate the secret; routing only (callbacks service). */
@Controller('hookrelay/v1/subscriptions')
export class DeliverySubscriptionsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  async list(@CurrentPrincipal() who: Principal, @Query() query: Record<string, unknown>): Promise<{ data: SubscriptionView[]; next_after: string | null }> {
    return this.services.request(DELIVERY_SUBSCRIPTION_SUBJECTS_V1.list, { tenantId: who.tenantId, query: singleQueryValues(query, LIST_PARAMS) });
  }

  @Get('paused')
  async paused(@CurrentPrincipal() who: Principal): Promise<{ data: PausedSubscriptionView[] }> {
    return { data: await this.services.request(DELIVERY_SUBSCRIPTION_SUBJECTS_V1.listPaused, { tenantId: who.tenantId }) };
  }

  @Post(':source/:subscription_id/pause')
  @HttpCode(200)
  async pause(@CurrentPrincipal() who: Principal, @Param('source') source: string, @Param('subscription_id') subscriptionId: string): Promise<{ data: { paused: true } }> {
    return { data: await this.services.request(DELIVERY_SUBSCRIPTION_SUBJECTS_V1.pause, refOf(who, source, subscriptionId)) };
  }

  @Post(':source/:subscription_id/resume')
  @HttpCode(200)
  async resume(@CurrentPrincipal() who: Principal, @Param('source') source: string, @Param('subscription_id') subscriptionId: string): Promise<{ data: ResumedSubscriptionView }> {
    return { data: await this.services.request(DELIVERY_SUBSCRIPTION_SUBJECTS_V1.resume, refOf(who, source, subscriptionId)) };
  }

  @Post(':source/:subscription_id/secret/rotate')
  @HttpCode(200)
  @ShowsCredentials()
  async rotateSecret(
    @CurrentPrincipal() who: Principal, @Param('source') source: string, @Param('subscription_id') subscriptionId: string,
  ): Promise<{ data: { signing_secret: string } }> {
    return { data: await this.services.request(DELIVERY_SUBSCRIPTION_SUBJECTS_V1.rotateSecret, refOf(who, source, subscriptionId)) };
  }
}

/** The service validates source and id (ResumeSubscriptionCommand): the gateway relays them as given. */
function refOf(who: Principal, source: string, subscriptionId: string): ResumeSubscriptionCommand {
  return { tenantId: who.tenantId, source: source as ResumeSubscriptionCommand['source'], subscriptionId };
}
