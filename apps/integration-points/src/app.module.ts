import { DynamicModule, Module } from '@nestjs/common';
import { databaseConfigFrom } from '@hookrelay/config';
import { STREAMS } from '@hookrelay/contracts';
import { deliveryModuleFromEnv } from '@hookrelay/delivery';
import { DATABASE_PROBE, healthControllerFor, MetricsController, NatsConnectionModule, natsClientOptions, serviceRuntimeProviders, ServiceHealth } from '@hookrelay/messaging';
import { databaseProbeProvider, IntegrationPointRepository, PersistenceModule } from '@hookrelay/persistence';
import { SECRET_BOX, SecretBox } from '@hookrelay/secrets';
import { IntegrationPointsEnv } from './config/integration-points.env';
import { ExecController } from './exec/exec.controller';
import { ChannelSenderController } from './outbound/channel-sender.controller';
import { ChannelSenderService } from './outbound/channel-sender.service';
import { ExecService } from './exec/exec.service';
import { IntegrationPointViews } from './integration-points/integration-point-views';
import { IntegrationPointsController } from './integration-points/integration-points.controller';
import { IntegrationPointsService } from './integration-points/integration-points.service';

@Module({})
export class IntegrationPointsAppModule {
  static forRoot(env: IntegrationPointsEnv): DynamicModule {
    return {
      module: IntegrationPointsAppModule,
      imports: [
        PersistenceModule.forRoot({ schemas: ['integration-points', 'delivery'], database: databaseConfigFrom(env), repositories: [IntegrationPointRepository] }),
        NatsConnectionModule.forRoot(natsClientOptions(env, 'integration-points')),
        deliveryModuleFromEnv(env),
      ],
      controllers: [IntegrationPointsController, ExecController, ChannelSenderController, healthControllerFor('integration-points'), MetricsController],
      providers: [
        IntegrationPointsService,
        IntegrationPointViews,
        ExecService,
        ChannelSenderService,
        ServiceHealth,
        databaseProbeProvider(DATABASE_PROBE),
        { provide: SECRET_BOX, useValue: new SecretBox(env.HOOKRELAY_ENCRYPTION_KEY) },
        ...serviceRuntimeProviders('integration-points', [STREAMS.execRequests, STREAMS.deliveryJobs]),
      ],
    };
  }
}
