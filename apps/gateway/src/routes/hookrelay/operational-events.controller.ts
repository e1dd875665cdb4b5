import { Body, Controller, Delete, Get, Put, Query } from '@nestjs/common';
import { OPERATIONAL_EVENTS_SUBJECTS_V1, OperationalEventView, OperationalWebhookInput, OperationalWebhookView } from '@hookrelay/contracts';
import { ServiceClient } from '@hookrelay/messaging';
import { CurrentPrincipal, Principal } from '../../auth/principal';
import { relayed, singleQueryValues } from '../../http/relay.util';

const LIST_PARAMS = ['limit', 'before'] as const;

/** Hookrelay's operational webhook and operational events (ADR 0012); routing only (callbacks service). */
@Controller('hookrelay/v1')
export class OperationalEventsController {
  constructor(private readonly services: ServiceClient) {}

  @Get('operational-webhook')
  async getWebhook(@CurrentPrincipal() who: Principal): Promise<{ data: OperationalWebhookView }> {
    return { data: await this.services.request(OPERATIONAL_EVENTS_SUBJECTS_V1.getWebhook, { tenantId: who.tenantId }) };
  }

  /** The answer carries the signing secret once, when the webhook is created (PUT needs an admin key). */
  @Put('operational-webhook')
  async putWebhook(@CurrentPrincipal() who: Principal, @Body() body: unknown): Promise<{ data: OperationalWebhookView }> {
    return { data: await this.services.request(OPERATIONAL_EVENTS_SUBJECTS_V1.putWebhook, { tenantId: who.tenantId, body: relayed<OperationalWebhookInput>(body) }) };
  }

  @Delete('operational-webhook')
  async deleteWebhook(@CurrentPrincipal() who: Principal): Promise<{ data: { deleted: true } }> {
    return { data: await this.services.request(OPERATIONAL_EVENTS_SUBJECTS_V1.deleteWebhook, { tenantId: who.tenantId }) };
  }

  @Get('operational-events')
  async listEvents(@CurrentPrincipal() who: Principal, @Query() query: Record<string, unknown>): Promise<{ data: OperationalEventView[]; next_before: string | null }> {
    return this.services.request(OPERATIONAL_EVENTS_SUBJECTS_V1.listEvents, { tenantId: who.tenantId, query: singleQueryValues(query, LIST_PARAMS) });
  }
}
