import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { connect, NatsConnection } from 'nats';
import { NatsClientOptions, natsConnectionOptions } from './nats-client-options';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

@Injectable()
class NatsConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  /** Drain: let in-flight publishes and acks finish before the connection closes. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => this.nc.close());
  }
}

/** A plain nats.js connection for JetStream (streams, durable publish/consume) beside Nest's transport. */
@Module({})
export class NatsConnectionModule {
  static forRoot(options: NatsClientOptions): DynamicModule {
    return {
      module: NatsConnectionModule,
      global: true,
      providers: [
        {
          provide: NATS_CONNECTION,
          useFactory: () => connect(natsConnectionOptions(options)),
        },
        NatsConnectionCloser,
      ],
      exports: [NATS_CONNECTION],
    };
  }
}
