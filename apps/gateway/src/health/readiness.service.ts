import { Injectable } from '@nestjs/common';
import { DependencyStatus, HEALTH_CHECK_V1, HealthCheckReply, ServiceName } from '@hookrelay/contracts';
import { ServiceClient } from '@hookrelay/messaging';
import { TenancyRepository } from '@hookrelay/persistence';

const SERVICE_TIMEOUT_MS = 2000;

export interface ReadinessReport {
  ok: boolean;
  gateway: { database: DependencyStatus };
  services: Record<ServiceName, HealthCheckReply | { ok: false; error: string }>;
}

/** Ready means: the gateway's own database answers and every service answers its health subject healthy. */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly services: ServiceClient,
    private readonly tenancy: TenancyRepository,
  ) {}

  async check(): Promise<ReadinessReport> {
    const [database, callbacks, webhooks, integrationPoints] = await Promise.all([
      this.database(),
      this.ask(HEALTH_CHECK_V1.callbacks),
      this.ask(HEALTH_CHECK_V1.webhooks),
      this.ask(HEALTH_CHECK_V1.integrationPoints),
    ]);
    const services = { callbacks, webhooks, 'integration-points': integrationPoints };
    return { ok: database.ok && Object.values(services).every((s) => s.ok), gateway: { database }, services };
  }

  private async database(): Promise<DependencyStatus> {
    const started = performance.now();
    try {
      await this.tenancy.ping();
      return { ok: true, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      return { ok: false, latencyMs: Math.round(performance.now() - started), error: error instanceof Error ? error.message : String(error) };
    }
  }

  private async ask(subject: (typeof HEALTH_CHECK_V1)[keyof typeof HEALTH_CHECK_V1]): Promise<HealthCheckReply | { ok: false; error: string }> {
    try {
      return await this.services.request(subject, {}, SERVICE_TIMEOUT_MS);
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
