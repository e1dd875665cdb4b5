import { Injectable } from '@nestjs/common';
import { PublishedEnvelopeEvents, PublishEnvelopeEventsCommand } from '@hookrelay/contracts';
import { DeliveryProducer, NewDelivery } from '@hookrelay/delivery';
import { prepareEnvelope } from '@hookrelay/filtering';
import { EnvelopeRepository } from '@hookrelay/persistence';
import { toCallbackPayload, toEnvelopeEntity, toEnvelopeFacts } from './envelope.mapper';
import { MailboxFilterCache } from './mailbox-filter-cache.service';

/** Deliveries are stored (and their jobs published) in batches this large, each all-or-nothing. */
const ENQUEUE_BATCH = 500;

/**
 * Envelope events: each envelope is stored (for check/send), matched against its mailbox's callbacks,
 * and every match becomes one delivery of the DocStudio payload. The reply comes only once every
 * delivery is stored and its job acknowledged by JetStream.
 */
@Injectable()
export class EnvelopeEventsService {
  constructor(
    private readonly envelopes: EnvelopeRepository,
    private readonly filters: MailboxFilterCache,
    private readonly producer: DeliveryProducer,
  ) {}

  async publish({ tenantId, mailbox, body }: PublishEnvelopeEventsCommand): Promise<PublishedEnvelopeEvents> {
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
    for (let i = 0; i < deliveries.length; i += ENQUEUE_BATCH) await this.producer.enqueue(deliveries.slice(i, i + ENQUEUE_BATCH));
    return { accepted: envelopes.length, deliveries: deliveries.length };
  }
}
