import { DynamicModule, Module } from '@nestjs/common';
import { databaseConfigFrom } from '@hookrelay/config';
import { STREAMS } from '@hookrelay/contracts';
import { deliveryModuleFromEnv } from '@hookrelay/delivery';
import { DATABASE_PROBE, healthControllerFor, NatsConnectionModule, serviceRuntimeProviders, ServiceHealth } from '@hookrelay/messaging';
import { databaseProbeProvider, EnvelopeCallbackRepository, PersistenceModule } from '@hookrelay/persistence';
import { SECRET_BOX, SecretBox } from '@hookrelay/secrets';
import { CallbackLogController } from './callback-log/callback-log.controller';
import { CallbackLogService } from './callback-log/callback-log.service';
import { CallbacksEnv } from './config/callbacks.env';
import { EnvelopeCallbacksController } from './envelope-callbacks/envelope-callbacks.controller';
import { EnvelopeCallbacksService } from './envelope-callbacks/envelope-callbacks.service';

@Module({})
export class CallbacksAppModule {
  static forRoot(env: CallbacksEnv): DynamicModule {
    return {
      module: CallbacksAppModule,
      imports: [
        PersistenceModule.forRoot({ schemas: ['callbacks', 'delivery'], database: databaseConfigFrom(env), repositories: [EnvelopeCallbackRepository] }),
        NatsConnectionModule.forRoot({ servers: env.NATS_URL.split(','), name: 'callbacks' }),
        { ...deliveryModuleFromEnv(env), global: true },
      ],
      controllers: [EnvelopeCallbacksController, CallbackLogController, healthControllerFor('callbacks')],
      providers: [
        EnvelopeCallbacksService,
        CallbackLogService,
        ServiceHealth,
        databaseProbeProvider(DATABASE_PROBE),
        { provide: SECRET_BOX, useValue: new SecretBox(env.HOOKRELAY_ENCRYPTION_KEY) },
        ...serviceRuntimeProviders('callbacks', [STREAMS.envelopeEvents, STREAMS.deliveryJobs]),
      ],
    };
  }
}
