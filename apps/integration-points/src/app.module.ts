import { DynamicModule, Module } from '@nestjs/common';
import { databaseConfigFrom, encryptionKeyringFrom } from '@hookrelay/config';
import { STREAMS } from '@hookrelay/contracts';
import { deliveryJobStreamFrom, deliveryModuleFromEnv } from '@hookrelay/delivery';
import { DATABASE_PROBE, healthControllerFor, MetricsController, NatsConnectionModule, natsClientOptions, serviceRuntimeProviders, ServiceHealth } from '@hookrelay/messaging';
import { databaseProbeProvider, IntegrationPointRepository, PersistenceModule } from '@hookrelay/persistence';
import { SECRET_BOX, SecretBox } from '@hookrelay/secrets';
import { execStreamLimitsFrom, IntegrationPointsEnv } from './config/integration-points.env';
import { ExecConsumersService } from './exec/exec-consumers.service';
import { ExecController } from './exec/exec.controller';
import { RetiredExecStreamCheck } from './exec/retired-exec-stream.check';
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
        ExecConsumersService,
        RetiredExecStreamCheck,
        ChannelSenderService,
        ServiceHealth,
        databaseProbeProvider(DATABASE_PROBE),
        { provide: SECRET_BOX, useValue: new SecretBox(encryptionKeyringFrom(env)) },
        ...serviceRuntimeProviders('integration-points', [{ ...STREAMS.execRequests, limits: execStreamLimitsFrom(env) }, deliveryJobStreamFrom(env), STREAMS.operationalEvents], { replicas: env.NATS_STREAM_REPLICAS }),
      ],
    };
  }
}
