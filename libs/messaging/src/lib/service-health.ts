import { Controller, Get, HttpCode, Inject, Injectable, Res, Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DependencyStatus, HEALTH_CHECK_V1, HealthCheckReply, ServiceName } from '@hookrelay/contracts';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { NatsConnection } from 'nats';
import { NATS_CONNECTION } from './nats-connection.module';

export const DATABASE_PROBE = Symbol('DATABASE_PROBE');
export const SERVICE_NAME = Symbol('SERVICE_NAME');
export type DatabaseProbe = () => Promise<unknown>;

/** Distinguishes replicas of one service (they share a queue group and a subject). */
export const INSTANCE_ID = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

const PROBE_TIMEOUT_MS = 2000;

async function probe(run: () => Promise<unknown>): Promise<DependencyStatus> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      run(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
export class ServiceHealth {
  constructor(
    @Inject(SERVICE_NAME) private readonly service: ServiceName,
    @Inject(DATABASE_PROBE) private readonly databaseProbe: DatabaseProbe,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
  ) {}

  async check(): Promise<HealthCheckReply> {
    const [database, jetstream] = await Promise.all([
      probe(this.databaseProbe),
      probe(async () => (await this.nc.jetstreamManager()).getAccountInfo()),
    ]);
    const nats: DependencyStatus = this.nc.isClosed()
      ? { ok: false, latencyMs: 0, error: 'connection closed' }
      : await probe(() => this.nc.flush());
    return { service: this.service, instanceId: INSTANCE_ID, ok: database.ok && nats.ok && jetstream.ok, checks: { database, nats, jetstream } };
  }
}

const SUBJECT_BY_SERVICE: Record<ServiceName, string> = {
  callbacks: HEALTH_CHECK_V1.callbacks,
  webhooks: HEALTH_CHECK_V1.webhooks,
  'integration-points': HEALTH_CHECK_V1.integrationPoints,
};

interface StatusResponse {
  status(code: number): unknown;
}

/**
 * Health over NATS (the gateway's /health/ready asks every service) and, when the process has an ops
 * port, over HTTP for orchestrator probes.
 */
export function healthControllerFor(service: ServiceName): Type<unknown> {
  @Controller('health')
  class HealthController {
    constructor(private readonly health: ServiceHealth) {}

    @MessagePattern(SUBJECT_BY_SERVICE[service])
    check(): Promise<HealthCheckReply> {
      return this.health.check();
    }

    @Get()
    @HttpCode(200)
    live(): { ok: true; service: ServiceName; instanceId: string } {
      return { ok: true, service, instanceId: INSTANCE_ID };
    }

    @Get('ready')
    async ready(@Res({ passthrough: true }) res: StatusResponse): Promise<HealthCheckReply> {
      const reply = await this.health.check();
      res.status(reply.ok ? 200 : 503);
      return reply;
    }
  }
  return HealthController;
}
