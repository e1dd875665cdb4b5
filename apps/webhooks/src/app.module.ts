import { DynamicModule, Module } from '@nestjs/common';
import { databaseConfigFrom } from '@hookrelay/config';
import { STREAMS } from '@hookrelay/contracts';
import { DATABASE_PROBE, healthControllerFor, NatsConnectionModule, serviceRuntimeProviders, ServiceHealth } from '@hookrelay/messaging';
import { ApplicationWebhookRepository, databaseProbeProvider, PersistenceModule } from '@hookrelay/persistence';
import { ApplicationWebhooksController } from './application-webhooks/application-webhooks.controller';
import { ApplicationWebhooksService } from './application-webhooks/application-webhooks.service';
import { WebhooksEnv } from './config/webhooks.env';

@Module({})
export class WebhooksAppModule {
  static forRoot(env: WebhooksEnv): DynamicModule {
    return {
      module: WebhooksAppModule,
      imports: [
        PersistenceModule.forRoot({ schemas: ['webhooks'], database: databaseConfigFrom(env), repositories: [ApplicationWebhookRepository] }),
        NatsConnectionModule.forRoot({ servers: env.NATS_URL.split(','), name: 'webhooks' }),
      ],
      controllers: [ApplicationWebhooksController, healthControllerFor('webhooks')],
      providers: [
        ApplicationWebhooksService,
        ServiceHealth,
        databaseProbeProvider(DATABASE_PROBE),
        ...serviceRuntimeProviders('webhooks', [STREAMS.applicationEvents, STREAMS.deliveryJobs]),
      ],
    };
  }
}
