import { Inject, Injectable, Logger, OnModuleInit, Provider } from '@nestjs/common';
import { ServiceName, StreamDefinition } from '@hookrelay/contracts';
import { NatsConnection } from 'nats';
import { EnsureStreamsOptions, ensureStreams } from './jetstream-streams.util';
import { NATS_CONNECTION } from './nats-connection.module';
import { SERVICE_NAME } from './service-health';

const SERVICE_STREAMS = Symbol('SERVICE_STREAMS');
const STREAM_OPTIONS = Symbol('STREAM_OPTIONS');

@Injectable()
class StreamsInitializer implements OnModuleInit {
  private readonly logger = new Logger('JetStream');

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_STREAMS) private readonly streams: readonly StreamDefinition[],
    @Inject(STREAM_OPTIONS) private readonly options: EnsureStreamsOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    await ensureStreams(this.nc, this.streams, this.options);
    this.logger.log(`streams ready (${this.options.replicas ?? 1} replica(s)): ${this.streams.map((s) => s.name).join(', ')}`);
  }
}

/**
 * What every service process provides: its name (health, queue group) and the JetStream streams it uses, ensured
 * at boot with `options` (replicas: NATS_STREAM_REPLICAS).
 */
export function serviceRuntimeProviders(service: ServiceName, streams: readonly StreamDefinition[], options: EnsureStreamsOptions = {}): Provider[] {
  return [
    { provide: SERVICE_NAME, useValue: service },
    { provide: SERVICE_STREAMS, useValue: streams },
    { provide: STREAM_OPTIONS, useValue: options },
    StreamsInitializer,
  ];
}
