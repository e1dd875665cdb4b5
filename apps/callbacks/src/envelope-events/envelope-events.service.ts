import { Injectable } from '@nestjs/common';
import { PublishedEnvelopeEvents, PublishEnvelopeEventsCommand } from '@hookrelay/contracts';
import { DeliveryEngine, NewDelivery } from '@hookrelay/delivery';
import { prepareEnvelope } from '@hookrelay/filtering';
import { EnvelopeRepository } from '@hookrelay/persistence';
import { toCallbackPayload, toEnvelopeEntity, toEnvelopeFacts } from './envelope.mapper';
import { MailboxFilterCache } from './mailbox-filter-cache.service';

/**
 * Envelope events: each envelope is stored (for check/send), matched against its mailbox's callbacks,
 * and every match becomes one delivery of the DocStudio payload. All of a request's deliveries are
 * stored in one write (all-or-nothing) before the reply; a repeated Idempotency-Key gets the first reply.
 */
@Injectable()
export class EnvelopeEventsService {
  constructor(
    private readonly envelopes: EnvelopeRepository,
    private readonly filters: MailboxFilterCache,
    private readonly engine: DeliveryEngine,
  ) {}

  async publish({ tenantId, mailbox, body, idempotencyKey }: PublishEnvelopeEventsCommand): Promise<PublishedEnvelopeEvents> {
    const box = mailbox.toLowerCase();
    const now = new Date();
    const envelopes = body.map((event, position) => toEnvelopeEntity(tenantId, box, event, position, now));
    await this.envelopes.upsertMany(envelopes);

    const index = await this.filters.forMailbox(tenantId, box);
    const deliveries: NewDelivery[] = [];
    for (const envelope of envelopes) {
      const targets = index.match(prepareEnvelope(toEnvelopeFacts(envelope)));
      if (targets.length === 0) continue;
      const payload = JSON.stringify(toCallbackPayload(envelope));
      const event = `envelope.${envelope.status.toLowerCase()}`;
      for (const target of targets) {
        deliveries.push({
          tenantId, source: 'envelope_callback', subscriptionId: target.id, url: target.url, event, payload, headers: {},
          policy: target.policy, authorization: target.authorization,
        });
      }
    }
    return this.engine.intake.accept(deliveries, {
      idempotency: idempotencyKey === undefined ? undefined : { tenantId, key: `callbacks.envelope-event:${box}:${idempotencyKey}` },
      reply: (ids) => ({ accepted: envelopes.length, deliveries: ids.length }),
    });
  }
}
