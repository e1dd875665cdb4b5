import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { APPLICATION_WEBHOOK_SUBJECTS_V1, ApplicationWebhookInput, ApplicationWebhookView } from '@hookrelay/contracts';
import { ServiceClient } from '@hookrelay/messaging';
import { CurrentPrincipal, Principal } from '../../auth/principal';
import { relayed } from '../../http/relay.util';

/** A non-numeric id becomes NaN, which the service's contract refuses with a clear 400. */
function applicationIdOf(raw: string): number {
  return /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
}

/** Conpeek application webhook: routing only; the webhooks service owns the behaviour. */
@Controller('application/:application_id/webhook')
export class ApplicationWebhookController {
  constructor(private readonly services: ServiceClient) {}

  @Put()
  @HttpCode(200)
  async put(@CurrentPrincipal() who: Principal, @Param('application_id') applicationId: string, @Body() body: unknown): Promise<{ success: true; data: ApplicationWebhookView }> {
    const data = await this.services.request(APPLICATION_WEBHOOK_SUBJECTS_V1.put, {
      tenantId: who.tenantId, applicationId: applicationIdOf(applicationId), body: relayed<ApplicationWebhookInput>(body),
    });
    return { success: true, data };
  }

  @Get()
  async get(@CurrentPrincipal() who: Principal, @Param('application_id') applicationId: string): Promise<{ success: true; data: ApplicationWebhookView }> {
    const data = await this.services.request(APPLICATION_WEBHOOK_SUBJECTS_V1.get, { tenantId: who.tenantId, applicationId: applicationIdOf(applicationId) });
    return { success: true, data };
  }

  @Delete()
  @HttpCode(200)
  async delete(@CurrentPrincipal() who: Principal, @Param('application_id') applicationId: string): Promise<{ success: true }> {
    await this.services.request(APPLICATION_WEBHOOK_SUBJECTS_V1.delete, { tenantId: who.tenantId, applicationId: applicationIdOf(applicationId) });
    return { success: true };
  }
}
