import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { GATEWAY_INGEST_USAGE_SUBJECT_V1, IngestUsageReport, MAX_TENANTS_PER_USAGE_REPORT } from '@hookrelay/contracts';
import { NATS_CONNECTION } from '@hookrelay/messaging';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { JSONCodec, NatsConnection, Subscription } from 'nats';
import { IngestLimiter } from './ingest-limiter';

/**
 * How often a replica reports what it accepted. The cluster may overshoot a tenant's burst by what the other
 * replicas accept within one period; a shorter period costs one small message per replica per period, and
 * only while some tenant sends.
 */
export const REPORT_EVERY_MS = 250;

const codec = JSONCodec<unknown>();

/**
 * Shares each replica's accepted-event counts with the other gateway replicas over NATS
 * (GATEWAY_INGEST_USAGE_SUBJECT_V1) and charges theirs to the local buckets. Without NATS each replica
 * still limits what passes through it, so the cluster admits at most replicas × the rate.
 */
@Injectable()
export class IngestUsageExchange implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('IngestUsageExchange');
  private readonly replicaId = randomUUID();
  private subscription: Subscription | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly limiter: IngestLimiter,
  ) {}

  onModuleInit(): void {
    this.subscription = this.nc.subscribe(GATEWAY_INGEST_USAGE_SUBJECT_V1, { callback: (error, msg) => !error && this.receive(msg.data) });
    this.timer = setInterval(() => this.report(), REPORT_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.report();
    this.subscription?.unsubscribe();
  }

  /** Publishes what this replica accepted since its last report (nothing when it accepted nothing). */
  report(): void {
    const usage = this.limiter.takeUsage();
    if (usage.length === 0 || this.nc.isClosed()) return;
    for (let i = 0; i < usage.length; i += MAX_TENANTS_PER_USAGE_REPORT) {
      const report: IngestUsageReport = { replicaId: this.replicaId, usage: usage.slice(i, i + MAX_TENANTS_PER_USAGE_REPORT) };
      this.nc.publish(GATEWAY_INGEST_USAGE_SUBJECT_V1, codec.encode(report));
    }
  }

  private receive(data: Uint8Array): void {
    let report: IngestUsageReport;
    try {
      report = plainToInstance(IngestUsageReport, codec.decode(data));
    } catch {
      this.logger.warn(`ignored a message on ${GATEWAY_INGEST_USAGE_SUBJECT_V1} that is not JSON`);
      return;
    }
    const errors = typeof report === 'object' && report !== null ? validateSync(report) : [];
    if (typeof report !== 'object' || report === null || errors.length > 0) {
      this.logger.warn(`ignored a malformed usage report on ${GATEWAY_INGEST_USAGE_SUBJECT_V1}`);
      return;
    }
    if (report.replicaId === this.replicaId) return;
    for (const entry of report.usage) this.limiter.chargeRemote({ id: entry.tenantId, name: entry.tenantName }, entry.events);
  }
}
