import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { DELIVERY_LOG_QUERY_PARAMS, DELIVERY_LOG_SUBJECTS_V1, DeliveryDetailView, DeliveryLogPage, ReplayedDeliveryView } from '@hookrelay/contracts';
import { ServiceClient } from '@hookrelay/messaging';
import { CurrentPrincipal, Principal } from '../../auth/principal';
import { singleQueryValues } from '../../http/relay.util';

/** Hookrelay's delivery log (the console's Deliveries page): routing only (callbacks service). */
@Controller('hookrelay/v1/deliveries')
export class DeliveriesController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  list(@CurrentPrincipal() who: Principal, @Query() query: Record<string, unknown>): Promise<DeliveryLogPage> {
    return this.services.request(DELIVERY_LOG_SUBJECTS_V1.list, { tenantId: who.tenantId, query: singleQueryValues(query, DELIVERY_LOG_QUERY_PARAMS) });
  }

  @Get(':id')
  async get(@CurrentPrincipal() who: Principal, @Param('id') id: string): Promise<{ data: DeliveryDetailView }> {
    return { data: await this.services.request(DELIVERY_LOG_SUBJECTS_V1.get, { tenantId: who.tenantId, id }) };
  }

  @Post(':id/replay')
  @HttpCode(200)
  async replay(@CurrentPrincipal() who: Principal, @Param('id') id: string): Promise<{ data: ReplayedDeliveryView }> {
    return { data: await this.services.request(DELIVERY_LOG_SUBJECTS_V1.replay, { tenantId: who.tenantId, id }) };
  }
}
