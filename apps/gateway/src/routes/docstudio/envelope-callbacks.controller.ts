import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CreateEnvelopeCallbackInput, ENVELOPE_CALLBACK_SUBJECTS_V1, EnvelopeCallbackView } from '@hookrelay/contracts';
import { ServiceClient } from '@hookrelay/messaging';
import { CurrentPrincipal, Principal } from '../../auth/principal';
import { relayed } from '../../http/relay.util';

/** DocStudio envelope callbacks, scoped by the `mailbox` header: routing only; the callbacks service owns the behaviour. */
@Controller('api/v1/envelope/callback')
export class EnvelopeCallbacksController {
  constructor(private readonly services: ServiceClient) {}

  @Post('add')
  @HttpCode(201)
  add(@CurrentPrincipal() who: Principal, @Headers('mailbox') mailbox: string | undefined, @Body() body: unknown): Promise<EnvelopeCallbackView> {
    return this.services.request(ENVELOPE_CALLBACK_SUBJECTS_V1.create, {
      tenantId: who.tenantId, mailbox: mailbox ?? '', body: relayed<CreateEnvelopeCallbackInput>(body),
    });
  }

  @Get('list')
  list(@CurrentPrincipal() who: Principal, @Headers('mailbox') mailbox: string | undefined): Promise<EnvelopeCallbackView[]> {
    return this.services.request(ENVELOPE_CALLBACK_SUBJECTS_V1.list, { tenantId: who.tenantId, mailbox: mailbox ?? '' });
  }

  @Delete(':uuid/remove')
  @HttpCode(200)
  async remove(@CurrentPrincipal() who: Principal, @Headers('mailbox') mailbox: string | undefined, @Param('uuid') id: string): Promise<void> {
    await this.services.request(ENVELOPE_CALLBACK_SUBJECTS_V1.remove, { tenantId: who.tenantId, mailbox: mailbox ?? '', id });
  }
}
