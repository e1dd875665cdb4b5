import { DynamicModule, Module } from '@nestjs/common';
import { databaseConfigFrom, encryptionKeyringFrom } from '@hookrelay/config';
import { STREAMS } from '@hookrelay/contracts';
import { DeliveryHttpClient, deliveryJobStreamFrom, DeliveryModule, deliveryOptionsFromEnv } from '@hookrelay/delivery';
import { DATABASE_PROBE, healthControllerFor, MetricsController, NatsConnectionModule, natsClientOptions, serviceRuntimeProviders, ServiceHealth } from '@hookrelay/messaging';
import { databaseProbeProvider, EnvelopeCallbackRepository, EnvelopeRepository, PersistenceModule, ReplayJobRepository } from '@hookrelay/persistence';
import { SECRET_BOX, SecretBox } from '@hookrelay/secrets';
import { CallbackLogController } from './callback-log/callback-log.controller';
import { CallbackLogService } from './callback-log/callback-log.service';
import { CallbacksEnv } from './config/callbacks.env';
import { DeliveryStatsController } from './delivery-stats/delivery-stats.controller';
import { DeliveryStatsService } from './delivery-stats/delivery-stats.service';
import { DeliveriesController } from './deliveries/deliveries.controller';
import { DeliveriesService } from './deliveries/deliveries.service';
import { ReplayJobLoop } from './replay-jobs/replay-job.loop';
import { REPLAY_JOB_RETENTION_MS, ReplayJobRetentionTask } from './replay-jobs/replay-job-retention.task';
import { ReplayJobsController } from './replay-jobs/replay-jobs.controller';
import { ReplayJobsService } from './replay-jobs/replay-jobs.service';
import { DeliverySubscriptionsController } from './delivery-subscriptions/delivery-subscriptions.controller';
import { DeliverySubscriptionsService } from './delivery-subscriptions/delivery-subscriptions.service';
import { OperationalEventsController } from './operational-events/operational-events.controller';
import { OperationalEventsService } from './operational-events/operational-events.service';
import { EnvelopeCallbacksController } from './envelope-callbacks/envelope-callbacks.controller';
import { EnvelopeCallbacksService, MAX_CALLBACKS_PER_MAILBOX } from './envelope-callbacks/envelope-callbacks.service';
import { CallbackSender, SEND_HTTP_CLIENT } from './envelope-callbacks/callback-sender';
import { EnvelopeCallbackTestsService } from './envelope-callbacks/envelope-callback-tests.service';
import { EnvelopeEventsController } from './envelope-events/envelope-events.controller';
import { EnvelopeEventsService } from './envelope-events/envelope-events.service';
import { ENVELOPE_RETENTION_MS, EnvelopeRetentionTask } from './envelope-events/envelope-retention.task';
import { FILTER_CACHE_MAILBOXES, MailboxFilterCache } from './envelope-events/mailbox-filter-cache.service';

@Module({})
export class CallbacksAppModule {
  static forRoot(env: CallbacksEnv): DynamicModule {
    const delivery = deliveryOptionsFromEnv(env);
    return {
      module: CallbacksAppModule,
      imports: [
        PersistenceModule.forRoot({ schemas: ['callbacks', 'delivery'], database: databaseConfigFrom(env), repositories: [EnvelopeCallbackRepository, EnvelopeRepository, ReplayJobRepository] }),
        NatsConnectionModule.forRoot(natsClientOptions(env, 'callbacks')),
        DeliveryModule.forRoot(delivery),
      ],
      controllers: [
        EnvelopeCallbacksController, EnvelopeEventsController, CallbackLogController, DeliverySubscriptionsController, DeliveryStatsController, OperationalEventsController,
        DeliveriesController, ReplayJobsController, healthControllerFor('callbacks'), MetricsController,
      ],
      providers: [
        EnvelopeCallbacksService,
        EnvelopeCallbackTestsService,
        EnvelopeEventsService,
        MailboxFilterCache,
        CallbackSender,
        EnvelopeRetentionTask,
        { provide: ENVELOPE_RETENTION_MS, useValue: delivery.retention.horizonMs },
        ReplayJobRetentionTask,
        { provide: REPLAY_JOB_RETENTION_MS, useValue: delivery.retention.horizonMs },
        { provide: FILTER_CACHE_MAILBOXES, useValue: env.ENVELOPE_FILTER_CACHE_MAILBOXES },
        { provide: MAX_CALLBACKS_PER_MAILBOX, useValue: env.MAX_CALLBACKS_PER_MAILBOX },
        // `send` attempts outside the queue: the engine's client, with the same SSRF allow-list and own origins as the worker's.
        { provide: SEND_HTTP_CLIENT, useFactory: () => new DeliveryHttpClient({ allowCidrs: delivery.allowCidrs, publicUrls: delivery.publicUrls }) },
        CallbackLogService,
        DeliverySubscriptionsService,
        DeliveryStatsService,
        OperationalEventsService,
        DeliveriesService,
        ReplayJobsService,
        ReplayJobLoop,
        ServiceHealth,
        databaseProbeProvider(DATABASE_PROBE),
        { provide: SECRET_BOX, useValue: new SecretBox(encryptionKeyringFrom(env)) },
        ...serviceRuntimeProviders('callbacks', [
          { ...STREAMS.envelopeEvents, limits: { maxBytes: env.ENVELOPE_STREAM_MAX_BYTES, maxAgeSeconds: env.ENVELOPE_STREAM_MAX_AGE_SECONDS } },
          deliveryJobStreamFrom(env),
          STREAMS.operationalEvents,
        ], { replicas: env.NATS_STREAM_REPLICAS }),
      ],
    };
  }
}
