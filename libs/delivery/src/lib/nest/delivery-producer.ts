import { Inject, Injectable } from '@nestjs/common';
import { DELIVERY_JOB_SUBJECT_V1, DeliveryJob } from '@hookrelay/contracts';
import { NATS_CONNECTION } from '@hookrelay/messaging';
import { DeliveryEntity, DeliveryPolicy, DeliveryRepository, DeliverySource, timeOrderedId } from '@hookrelay/persistence';
import { JSONCodec, NatsConnection } from 'nats';
import { DeliverySealing } from './delivery-sealing';
import { deliveryMetrics } from './delivery.metrics';

const codec = JSONCodec<DeliveryJob>();

export interface NewDelivery {
  tenantId: string;
  source: DeliverySource;
  subscriptionId: string;
  url: string;
  event: string;
  /** The exact JSON body to send. */
  payload: string;
  headers: Record<string, string>;
  policy: DeliveryPolicy;
  /** A full Authorization header value (Basic …/Bearer …), sealed at rest; null for none. */
  authorization: string | null;
}

/**
 * Accepts deliveries durably: the rows are committed, then one job per delivery is published to
 * JetStream and acknowledged, and only then does enqueue() resolve. If publishing fails after the commit
 * the sweeper finds the due rows and publishes them (the database is the source of truth).
 */
@Injectable()
export class DeliveryProducer {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly sealing: DeliverySealing,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
  ) {}

  async enqueue(items: readonly NewDelivery[]): Promise<DeliveryEntity[]> {
    const now = new Date();
    const entities = items.map((item) => {
      const id = timeOrderedId(now.getTime());
      return Object.assign(new DeliveryEntity(), {
        id, tenantId: item.tenantId, source: item.source, subscriptionId: item.subscriptionId, url: item.url, event: item.event,
        payload: item.payload, headers: item.headers, policy: item.policy, authorizationSealed: this.sealing.sealAuthorization(id, item.authorization),
        state: 'OPEN', applicationState: 'NEW', closeReason: null, attempts: 0, nextAttemptAt: now, createdAt: now, updatedAt: now, closedAt: null,
      } satisfies Partial<DeliveryEntity>);
    });
    await this.deliveries.insertMany(entities);
    await this.publish(entities.map((d) => ({ tenantId: d.tenantId, deliveryId: d.id })), (job) => `${job.deliveryId}:new`);
    for (const delivery of entities) deliveryMetrics.accepted.inc({ source: delivery.source });
    return entities;
  }

  /** Publishes jobs and waits for every JetStream ack; the message id makes a re-publish a no-op. */
  async publish(jobs: readonly DeliveryJob[], messageId: (job: DeliveryJob) => string): Promise<void> {
    const js = this.nc.jetstream();
    await Promise.all(jobs.map((job) => js.publish(DELIVERY_JOB_SUBJECT_V1, codec.encode(job), { msgID: messageId(job) })));
  }
}
