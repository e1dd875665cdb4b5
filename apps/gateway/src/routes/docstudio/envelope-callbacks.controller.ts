import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  CALLBACK_BOUNDS, CreatedEnvelopeCallbackView, CreateEnvelopeCallbackInput, ENVELOPE_CALLBACK_SUBJECTS_V1, ENVELOPE_EVENT_SUBJECTS_V1,
  EnvelopeCallbackPayload, EnvelopeCallbackSecretView, EnvelopeCallbackView, EnvelopeCheckResultView, EnvelopeEventInput, EnvelopeSendResultView,
  PublishedEnvelopeEvents,
} from '@hookrelay/contracts';
import { ServiceClient } from '@hookrelay/messaging';
import { CurrentPrincipal, Principal, ShowsCredentials, Writes } from '../../auth/principal';
import { IdempotencyKey } from '../../http/idempotency-key.decorator';
import { AcceptsEvents } from '../../ingest/accepts-events.decorator';
import { envelopeEvents } from '../../ingest/ingest-event-count.util';
import { relayed, singleQueryValues } from '../../http/relay.util';

/** `send` waits for the receiver: up to the longest callback timeout, plus room for the service's own work. */
const SEND_TIMEOUT_MS = CALLBACK_BOUNDS.timeoutMs.max + 5_000;
/** A batch of events stores its envelopes and every matching delivery before the answer. */
const EVENTS_TIMEOUT_MS = 60_000;
const TEST_PARAMS = ['envelopeUuid', 'mailboxUuid'] as const;

/**
 * DocStudio envelope callbacks and envelope events, scoped by the `mailbox` header: routing only; the
 * callbacks service owns the behaviour. DocStudio's generated client sends check/send's mailbox as the
 * `mailboxUuid` query parameter, so that is read when the header is absent.
 */
@Controller('api/v1/envelope')
export class EnvelopeCallbacksController {
  constructor(private readonly services: ServiceClient) {}

  @Post('callback/add')
  @HttpCode(201)
  add(@CurrentPrincipal() who: Principal, @Headers('mailbox') mailbox: string | undefined, @Body() body: unknown): Promise<CreatedEnvelopeCallbackView> {
    return this.services.request(ENVELOPE_CALLBACK_SUBJECTS_V1.create, {
      tenantId: who.tenantId, mailbox: mailbox ?? '', body: relayed<CreateEnvelopeCallbackInput>(body),
    });
  }

  @Get('callback/list')
  list(@CurrentPrincipal() who: Principal, @Headers('mailbox') mailbox: string | undefined): Promise<EnvelopeCallbackView[]> {
    return this.services.request(ENVELOPE_CALLBACK_SUBJECTS_V1.list, { tenantId: who.tenantId, mailbox: mailbox ?? '' });
  }

  @Delete('callback/:uuid/remove')
  @HttpCode(200)
  async remove(@CurrentPrincipal() who: Principal, @Headers('mailbox') mailbox: string | undefined, @Param('uuid') id: string): Promise<void> {
    await this.services.request(ENVELOPE_CALLBACK_SUBJECTS_V1.remove, { tenantId: who.tenantId, mailbox: mailbox ?? '', id });
  }

  @Get('callback/callbackRequestPayload')
  samplePayload(@CurrentPrincipal() who: Principal): Promise<EnvelopeCallbackPayload> {
    return this.services.request(ENVELOPE_CALLBACK_SUBJECTS_V1.samplePayload, { tenantId: who.tenantId });
  }

  @Get('callback/:uuid/check')
  check(
    @CurrentPrincipal() who: Principal, @Headers('mailbox') mailbox: string | undefined, @Param('uuid') id: string, @Query() query: Record<string, unknown>,
  ): Promise<EnvelopeCheckResultView> {
    const { envelopeUuid, mailboxUuid } = singleQueryValues(query, TEST_PARAMS);
    return this.services.request(ENVELOPE_CALLBACK_SUBJECTS_V1.check, { tenantId: who.tenantId, mailbox: mailbox ?? mailboxUuid ?? '', id, envelopeUuid: envelopeUuid ?? '' });
  }

  /** A GET that calls the receiver: it needs a key that may write. */
  @Get('callback/:uuid/send')
  @Writes()
  send(
    @CurrentPrincipal() who: Principal, @Headers('mailbox') mailbox: string | undefined, @Param('uuid') id: string, @Query() query: Record<string, unknown>,
  ): Promise<EnvelopeSendResultView> {
    const { envelopeUuid, mailboxUuid } = singleQueryValues(query, TEST_PARAMS);
    return this.services.request(ENVELOPE_CALLBACK_SUBJECTS_V1.send, { tenantId: who.tenantId, mailbox: mailbox ?? mailboxUuid ?? '', id, envelopeUuid: envelopeUuid ?? '' }, SEND_TIMEOUT_MS);
  }

  @Get('callback/:uuid/secret')
  @ShowsCredentials()
  secret(@CurrentPrincipal() who: Principal, @Headers('mailbox') mailbox: string | undefined, @Param('uuid') id: string): Promise<EnvelopeCallbackSecretView> {
    return this.services.request(ENVELOPE_CALLBACK_SUBJECTS_V1.getSecret, { tenantId: who.tenantId, mailbox: mailbox ?? '', id });
  }

  @Post('callback/:uuid/secret/rotate')
  @HttpCode(200)
  rotateSecret(@CurrentPrincipal() who: Principal, @Headers('mailbox') mailbox: string | undefined, @Param('uuid') id: string): Promise<EnvelopeCallbackSecretView> {
    return this.services.request(ENVELOPE_CALLBACK_SUBJECTS_V1.rotateSecret, { tenantId: who.tenantId, mailbox: mailbox ?? '', id });
  }

  /** Our extension: one envelope event or an array of them; 202 once every matching delivery is stored. */
  @Post('events')
  @HttpCode(202)
  @AcceptsEvents(envelopeEvents)
  publish(
    @CurrentPrincipal() who: Principal, @Headers('mailbox') mailbox: string | undefined, @Body() body: unknown, @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<PublishedEnvelopeEvents> {
    return this.services.request(ENVELOPE_EVENT_SUBJECTS_V1.publish, {
      tenantId: who.tenantId, mailbox: mailbox ?? '', body: relayed<EnvelopeEventInput[]>(body), idempotencyKey,
    }, EVENTS_TIMEOUT_MS);
  }
}
