import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { databaseConfigFrom } from '@hookrelay/config';
import { natsClientOptions, ServiceClientModule } from '@hookrelay/messaging';
import { PersistenceModule, TenancyRepository } from '@hookrelay/persistence';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeyProvisioner, PROVISIONED_KEYS } from './auth/api-key.provisioner';
import { GatewayEnv, parseApiKeys } from './config/gateway.env';
import { GatewayMetricsController } from './health/gateway-metrics.controller';
import { HealthController } from './health/health.controller';
import { OpenApiController } from './openapi/openapi.controller';
import { ingestQuotaSettings } from './ingest/ingest-quota.settings';
import { IngestQuotaModule } from './ingest/ingest-quota.module';
import { ReadinessService } from './health/readiness.service';
import { GatewayExceptionFilter } from './http/gateway-exception.filter';
import { ApplicationWebhookController } from './routes/conpeek/application-webhook.controller';
import { CallbackLogController } from './routes/conpeek/callback-log.controller';
import { EnvelopeCallbacksController } from './routes/docstudio/envelope-callbacks.controller';
import { ExecController } from './routes/incoplax/exec.controller';
import { IntegrationPointsController } from './routes/incoplax/integration-points.controller';
import { DeliverySubscriptionsController } from './routes/hookrelay/delivery-subscriptions.controller';
import { DeliveryStatsController } from './routes/hookrelay/delivery-stats.controller';
import { OperationalEventsController } from './routes/hookrelay/operational-events.controller';
import { DeliveriesController } from './routes/hookrelay/deliveries.controller';
import { ReplayJobsController } from './routes/hookrelay/replay-jobs.controller';
import { WhoamiController } from './routes/hookrelay/whoami.controller';
import { ConsoleModule } from './console/console.module';

@Module({})
export class GatewayModule {
  static forRoot(env: GatewayEnv): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        PersistenceModule.forRoot({ schemas: ['gateway'], database: databaseConfigFrom(env), repositories: [TenancyRepository] }),
        ServiceClientModule.forRoot({ ...natsClientOptions(env, 'gateway'), timeoutMs: env.NATS_REQUEST_TIMEOUT_MS }),
        IngestQuotaModule.forRoot({
          settings: ingestQuotaSettings(env.INGEST_RATE_PER_SECOND, env.INGEST_BURST, env.INGEST_RATE_OVERRIDES), nats: natsClientOptions(env, 'gateway'),
        }),
        ConsoleModule.forRoot(env.CONSOLE_DIR),
      ],
      controllers: [
        HealthController, GatewayMetricsController, OpenApiController, IntegrationPointsController, ExecController, ApplicationWebhookController, CallbackLogController,
        EnvelopeCallbacksController, DeliverySubscriptionsController, DeliveryStatsController, OperationalEventsController, DeliveriesController, ReplayJobsController,
        WhoamiController,
      ],
      providers: [
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: GatewayExceptionFilter },
        { provide: PROVISIONED_KEYS, useValue: parseApiKeys(env.HOOKRELAY_API_KEYS) },
        ApiKeyProvisioner,
        ReadinessService,
      ],
    };
  }
}
