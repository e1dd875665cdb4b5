import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CALLBACK_LOG_SUBJECTS_V1, CallbackView } from '@hookrelay/contracts';
import { ServiceClient } from '@hookrelay/messaging';
import { CurrentPrincipal, Principal } from '../../auth/principal';
import { singleQueryValues } from '../../http/relay.util';

const LIST_PARAMS = ['limit', 'offset', 'sort', 'dir', 'filter'] as const;

/** Conpeek `GET /callback`: the delivery log of every source; routing only (callbacks service). */
@Controller('callback')
export class CallbackLogController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  async list(@CurrentPrincipal() who: Principal, @Query() query: Record<string, unknown>): Promise<{ data: CallbackView[] }> {
    return { data: await this.services.request(CALLBACK_LOG_SUBJECTS_V1.list, { tenantId: who.tenantId, query: singleQueryValues(query, LIST_PARAMS) }) };
  }

  @Get(':id')
  async get(@CurrentPrincipal() who: Principal, @Param('id') id: string): Promise<{ success: true; data: CallbackView }> {
    return { success: true, data: await this.services.request(CALLBACK_LOG_SUBJECTS_V1.get, { tenantId: who.tenantId, id }) };
  }

  @Post(':id/recall')
  @HttpCode(202)
  async recall(@CurrentPrincipal() who: Principal, @Param('id') id: string): Promise<{ success: true }> {
    await this.services.request(CALLBACK_LOG_SUBJECTS_V1.recall, { tenantId: who.tenantId, id });
    return { success: true };
  }
}
