import { DynamicModule, Module } from '@nestjs/common';
import { SERVICE_CLIENT_OPTIONS, ServiceClient, ServiceClientOptions } from './service-client';

@Module({})
export class ServiceClientModule {
  static forRoot(options: ServiceClientOptions): DynamicModule {
    return {
      module: ServiceClientModule,
      global: true,
      providers: [{ provide: SERVICE_CLIENT_OPTIONS, useValue: options }, ServiceClient],
      exports: [ServiceClient],
    };
  }
}
