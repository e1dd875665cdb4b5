import { DynamicModule, Module } from '@nestjs/common';
import { databaseConfigFrom } from '@hookrelay/config';
import { STREAMS } from '@hookrelay/contracts';
import { DeliveryHttpClient, deliveryModuleFromEnv, parseCidrList } from '@hookrelay/delivery';
import { DATABASE_PROBE, healthControllerFor, MetricsController, NatsConnectionModule, natsClientOptions, serviceRuntimeProviders, ServiceHealth } from '@hookrelay/messaging';
import { databaseProbeProvider, EnvelopeCallbackRepository, EnvelopeRepository, PersistenceModule } from '@hookrelay/persistence';
import { SECRET_BOX, SecretBox } from '@hookrelay/secrets';
import { CallbackLogController } from './callback-log/callback-log.controller';
import { CallbackLogService } from './callback-log/callback-log.service';
import { CallbacksEnv } from './config/callbacks.env';
import { DeliverySubscriptionsController } from './delivery-subscriptions/delivery-subscriptions.controller';
import { DeliverySubscriptionsService } from './delivery-subscriptions/delivery-subscriptions.service';
import { EnvelopeCallbacksController } from './envelope-callbacks/envelope-callbacks.controller';
import { EnvelopeCallbacksService } from './envelope-callbacks/envelope-callbacks.service';
import { CallbackSender, SEND_HTTP_CLIENT } from './envelope-callbacks/callback-sender';
import { EnvelopeCallbackTestsService } from './envelope-callbacks/envelope-callback-tests.service';
import { EnvelopeEventsController } from './envelope-events/envelope-events.controller';
import { EnvelopeEventsService } from './envelope-events/envelope-events.service';
import { FILTER_CACHE_MAILBOXES, MailboxFilterCache } from './envelope-events/mailbox-filter-cache.service';

@Module({})
export class CallbacksAppModule {
  static forRoot(env: CallbacksEnv): DynamicModule {
    return {
      module: CallbacksAppModule,
      imports: [
        PersistenceModule.forRoot({ schemas: ['callbacks', 'delivery'], database: databaseConfigFrom(env), repositories: [EnvelopeCallbackRepository, EnvelopeRepository] }),
        NatsConnectionModule.forRoot(natsClientOptions(env, 'callbacks')),
        deliveryModuleFromEnv(env),
      ],
      controllers: [EnvelopeCallbacksController, EnvelopeEventsController, CallbackLogController, DeliverySubscriptionsController, healthControllerFor('callbacks'), MetricsController],
      providers: [
        EnvelopeCallbacksService,
        EnvelopeCallbackTestsService,
        EnvelopeEventsService,
        MailboxFilterCache,
        CallbackSender,
        { provide: FILTER_CACHE_MAILBOXES, useValue: env.ENVELOPE_FILTER_CACHE_MAILBOXES },
        // `send` attempts outside the queue: the engine's client, with the same SSRF allow-list as the worker's.
        { provide: SEND_HTTP_CLIENT, useFactory: () => new DeliveryHttpClient({ allowCidrs: parseCidrList(env.DELIVERY_ALLOW_CIDRS ?? '') }) },
        CallbackLogService,
        DeliverySubscriptionsService,
        ServiceHealth,
        databaseProbeProvider(DATABASE_PROBE),
        { provide: SECRET_BOX, useValue: new SecretBox(env.HOOKRELAY_ENCRYPTION_KEY) },
        ...serviceRuntimeProviders('callbacks', [STREAMS.envelopeEvents, STREAMS.deliveryJobs]),
      ],
    };
  }
}
