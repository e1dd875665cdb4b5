import { DynamicModule, Module } from '@nestjs/common';
import { STREAMS } from '@hookrelay/contracts';
import { databaseConfigFrom, encryptionKeyringFrom } from '@hookrelay/config';
import { deliveryJobStreamFrom, deliveryModuleFromEnv } from '@hookrelay/delivery';
import { DATABASE_PROBE, healthControllerFor, MetricsController, NatsConnectionModule, natsClientOptions, serviceRuntimeProviders, ServiceHealth } from '@hookrelay/messaging';
import { ApplicationWebhookRepository, databaseProbeProvider, PersistenceModule } from '@hookrelay/persistence';
import { SECRET_BOX, SecretBox } from '@hookrelay/secrets';
import { ApplicationEventsService } from './application-webhooks/application-events.service';
import { ApplicationWebhookHeaders } from './application-webhooks/application-webhook-headers';
import { ApplicationWebhookHeadersSealer } from './application-webhooks/application-webhook-headers.sealer';
import { ApplicationWebhooksController } from './application-webhooks/application-webhooks.controller';
import { ApplicationWebhooksService } from './application-webhooks/application-webhooks.service';
import { WebhooksEnv } from './config/webhooks.env';

@Module({})
export class WebhooksAppModule {
  static forRoot(env: WebhooksEnv): DynamicModule {
    return {
      module: WebhooksAppModule,
      imports: [
        PersistenceModule.forRoot({ schemas: ['webhooks', 'delivery'], database: databaseConfigFrom(env), repositories: [ApplicationWebhookRepository] }),
        NatsConnectionModule.forRoot(natsClientOptions(env, 'webhooks')),
        deliveryModuleFromEnv(env),
      ],
      controllers: [ApplicationWebhooksController, healthControllerFor('webhooks'), MetricsController],
      providers: [
        ApplicationWebhooksService,
        ApplicationEventsService,
        ApplicationWebhookHeaders,
        ApplicationWebhookHeadersSealer,
        { provide: SECRET_BOX, useValue: new SecretBox(encryptionKeyringFrom(env)) },
        ServiceHealth,
        databaseProbeProvider(DATABASE_PROBE),
        ...serviceRuntimeProviders('webhooks', [deliveryJobStreamFrom(env), STREAMS.operationalEvents], { replicas: env.NATS_STREAM_REPLICAS }),
      ],
    };
  }
}
