import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  APPLICATION_EVENT_SUBJECTS_V1, APPLICATION_WEBHOOK_SUBJECTS_V1, ApplicationEventInput, ApplicationWebhookInput, ApplicationWebhookView,
  PublishedApplicationEvent,
} from '@hookrelay/contracts';
import { ServiceClient } from '@hookrelay/messaging';
import { CurrentPrincipal, Principal, ShowsCredentials } from '../../auth/principal';
import { IdempotencyKey } from '../../http/idempotency-key.decorator';
import { AcceptsEvents } from '../../ingest/accepts-events.decorator';
import { oneEvent } from '../../ingest/ingest-event-count.util';
import { relayed } from '../../http/relay.util';

/** A non-numeric id becomes NaN, which the service's contract refuses with a clear 400. */
function applicationIdOf(raw: string): number {
  return /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
}

type Envelope<T> = { success: true; data: T };

/** Conpeek application webhook and events: routing only; the webhooks service owns the behaviour. */
@Controller('application/:application_id')
export class ApplicationWebhookController {
  constructor(private readonly services: ServiceClient) {}

  @Put('webhook')
  @HttpCode(200)
  async put(@CurrentPrincipal() who: Principal, @Param('application_id') id: string, @Body() body: unknown): Promise<Envelope<ApplicationWebhookView>> {
    const data = await this.services.request(APPLICATION_WEBHOOK_SUBJECTS_V1.put, { tenantId: who.tenantId, applicationId: applicationIdOf(id), body: relayed<ApplicationWebhookInput>(body) });
    return { success: true, data };
  }

  @Get('webhook')
  async get(@CurrentPrincipal() who: Principal, @Param('application_id') id: string): Promise<Envelope<ApplicationWebhookView>> {
    const data = await this.services.request(APPLICATION_WEBHOOK_SUBJECTS_V1.get, { tenantId: who.tenantId, applicationId: applicationIdOf(id), viewerRole: who.role });
    return { success: true, data };
  }

  @Delete('webhook')
  @HttpCode(200)
  async delete(@CurrentPrincipal() who: Principal, @Param('application_id') id: string): Promise<{ success: true }> {
    await this.services.request(APPLICATION_WEBHOOK_SUBJECTS_V1.delete, { tenantId: who.tenantId, applicationId: applicationIdOf(id) });
    return { success: true };
  }

  @Get('webhook/secret')
  @ShowsCredentials()
  async secret(@CurrentPrincipal() who: Principal, @Param('application_id') id: string): Promise<Envelope<{ signing_secret: string }>> {
    return { success: true, data: await this.services.request(APPLICATION_WEBHOOK_SUBJECTS_V1.getSecret, { tenantId: who.tenantId, applicationId: applicationIdOf(id) }) };
  }

  @Post('webhook/secret/rotate')
  @HttpCode(200)
  async rotate(@CurrentPrincipal() who: Principal, @Param('application_id') id: string): Promise<Envelope<{ signing_secret: string }>> {
    return { success: true, data: await this.services.request(APPLICATION_WEBHOOK_SUBJECTS_V1.rotateSecret, { tenantId: who.tenantId, applicationId: applicationIdOf(id) }) };
  }

  /** Our extension: an application event to deliver; 202 once it is stored durably. */
  @Post('events')
  @HttpCode(202)
  @AcceptsEvents(oneEvent)
  async publish(
    @CurrentPrincipal() who: Principal, @Param('application_id') id: string, @Body() body: unknown, @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<Envelope<PublishedApplicationEvent>> {
    const data = await this.services.request(APPLICATION_EVENT_SUBJECTS_V1.publish, {
      tenantId: who.tenantId, applicationId: applicationIdOf(id), body: relayed<ApplicationEventInput>(body), idempotencyKey,
    });
    return { success: true, data };
  }
}
