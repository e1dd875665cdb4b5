import { Controller, Get, Query } from '@nestjs/common';
import { DELIVERY_STATS_SUBJECTS_V1, DeliveryStatsView, DeliveryStatsWindow } from '@hookrelay/contracts';
import { ServiceClient } from '@hookrelay/messaging';
import { CurrentPrincipal, Principal } from '../../auth/principal';

/** Hookrelay's delivery stats (the console's Overview); routing only (callbacks service validates `window`). */
@Controller('hookrelay/v1/stats')
export class DeliveryStatsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  async get(@CurrentPrincipal() who: Principal, @Query('window') window: unknown = '1h'): Promise<{ data: DeliveryStatsView }> {
    return { data: await this.services.request(DELIVERY_STATS_SUBJECTS_V1.get, { tenantId: who.tenantId, window: window as DeliveryStatsWindow }) };
  }
}
