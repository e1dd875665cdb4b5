import { DynamicModule, Module } from '@nestjs/common';
import { NatsClientOptions, NatsConnectionModule } from '@hookrelay/messaging';
import { IngestLimiter } from './ingest-limiter';
import { IngestQuotaSettings } from './ingest-quota.settings';
import { IngestUsageExchange } from './ingest-usage.exchange';
import { IngestGuard } from './ingest.guard';

/** The per-tenant ingest quota and loop refusal of the accept endpoints (see AcceptsEvents). */
@Module({})
export class IngestQuotaModule {
  static forRoot(options: { settings: IngestQuotaSettings; nats: NatsClientOptions }): DynamicModule {
    return {
      module: IngestQuotaModule,
      global: true,
      imports: [NatsConnectionModule.forRoot(options.nats)],
      providers: [{ provide: IngestLimiter, useValue: new IngestLimiter(options.settings) }, IngestUsageExchange, IngestGuard],
      exports: [IngestLimiter, IngestGuard],
    };
  }
}
