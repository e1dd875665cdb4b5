/**
 * Readiness of one service: the gateway asks each service on its subject and aggregates.
 * Subjects are wire format: hierarchical and versioned; they must not change without a migration.
 */
export const HEALTH_CHECK_V1 = {
  callbacks: 'callbacks.health.check.v1',
  webhooks: 'webhooks.health.check.v1',
  integrationPoints: 'integration-points.health.check.v1',
} as const;

export type ServiceName = 'callbacks' | 'webhooks' | 'integration-points';

export class HealthCheckRequest {}

export interface DependencyStatus {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface HealthCheckReply {
  service: ServiceName;
  /** Identifies the replica that answered: several replicas share one queue group. */
  instanceId: string;
  ok: boolean;
  checks: { database: DependencyStatus; nats: DependencyStatus; jetstream: DependencyStatus };
}
