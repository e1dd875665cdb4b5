import { DynamicModule, Module, Provider } from '@nestjs/common';
import { repositoryProvider, DeliveryRepository, EndpointHealthRepository, SubscriptionSecretRepository } from '@hookrelay/persistence';
import { SECRET_BOX, SecretBox } from '@hookrelay/secrets';
import { DeliveryProducer } from './delivery-producer';
import { DeliverySealing } from './delivery-sealing';
import { DeliverySweeper } from './delivery-sweeper';
import { DeliveryWorker } from './delivery-worker';
import { SubscriptionSecrets } from './subscription-secrets.service';
import { DELIVERY_HTTP, DELIVERY_OPTIONS, DeliveryModuleOptions, HttpAttempter } from './delivery.tokens';

/**
 * The Nest adapter of the delivery engine. Needs, from the app: the delivery schema in its
 * PersistenceModule and NatsConnectionModule.
 */
@Module({})
export class DeliveryModule {
  static forRoot(options: DeliveryModuleOptions & { http: () => HttpAttempter; encryptionKey: string }): DynamicModule {
    const { http, encryptionKey, ...settings } = options;
    const providers: Provider[] = [
      { provide: DELIVERY_OPTIONS, useValue: settings },
      { provide: DELIVERY_HTTP, useFactory: http },
      { provide: SECRET_BOX, useFactory: () => new SecretBox(encryptionKey) },
      repositoryProvider(DeliveryRepository),
      repositoryProvider(SubscriptionSecretRepository),
      repositoryProvider(EndpointHealthRepository),
      DeliverySealing,
      DeliveryProducer,
      DeliveryWorker,
      DeliverySweeper,
      SubscriptionSecrets,
    ];
    return {
      module: DeliveryModule,
      providers,
      exports: [DeliveryProducer, DeliveryRepository, EndpointHealthRepository, SubscriptionSecrets, DeliverySweeper],
    };
  }
}
