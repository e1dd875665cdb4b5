import { Inject, Injectable, Logger, OnModuleInit, Provider } from '@nestjs/common';
import { ServiceName, StreamDefinition } from '@hookrelay/contracts';
import { NatsConnection } from 'nats';
import { ensureStreams } from './jetstream-streams.util';
import { NATS_CONNECTION } from './nats-connection.module';
import { SERVICE_NAME } from './service-health';

const SERVICE_STREAMS = Symbol('SERVICE_STREAMS');

@Injectable()
class StreamsInitializer implements OnModuleInit {
  private readonly logger = new Logger('JetStream');

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_STREAMS) private readonly streams: readonly StreamDefinition[],
  ) {}

  async onModuleInit(): Promise<void> {
    await ensureStreams(this.nc, this.streams);
    this.logger.log(`streams ready: ${this.streams.map((s) => s.name).join(', ')}`);
  }
}

/** What every service process provides: its name (health, queue group) and the JetStream streams it uses, ensured at boot. */
export function serviceRuntimeProviders(service: ServiceName, streams: readonly StreamDefinition[]): Provider[] {
  return [{ provide: SERVICE_NAME, useValue: service }, { provide: SERVICE_STREAMS, useValue: streams }, StreamsInitializer];
}
