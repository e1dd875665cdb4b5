export { epochMs } from './lib/columns/epoch-ms.transformer';
export { buildDataSourceOptions, SQLITE_BUSY_TIMEOUT_MS } from './lib/data-source/data-source-options';
export type { DatabaseTarget } from './lib/data-source/data-source-options';
export { openDataSource, runMigrations, runSchemaMigrations } from './lib/data-source/open-data-source';
export { SCHEMAS } from './lib/data-source/schemas';
export { isUniqueViolation } from './lib/data-source/unique-violation.util';
export type { SchemaName } from './lib/data-source/schemas';
export { PersistenceModule, repositoryProvider } from './lib/nest/persistence.module';

export { TenantEntity } from './lib/tenancy/tenant.entity';
export { ApiKeyEntity, API_KEY_ROLES } from './lib/tenancy/api-key.entity';
export type { ApiKeyRole } from './lib/tenancy/api-key.entity';
export { TenancyRepository } from './lib/tenancy/tenancy.repository';
export type { ResolvedKey } from './lib/tenancy/tenancy.repository';

export { IntegrationPointEntity } from './lib/integration-points/integration-point.entity';
export type { IntegrationPointColumn } from './lib/integration-points/integration-point.entity';
export { IntegrationPointRepository } from './lib/integration-points/integration-point.repository';
export type { IntegrationPointListQuery, ColumnValue } from './lib/integration-points/integration-point.repository';

export { ApplicationWebhookEntity } from './lib/application-webhooks/application-webhook.entity';
export type { StoredRetryConfig } from './lib/application-webhooks/application-webhook.entity';
export { ApplicationWebhookRepository } from './lib/application-webhooks/application-webhook.repository';

export { EnvelopeCallbackEntity } from './lib/envelope-callbacks/envelope-callback.entity';
export type { StoredEnvelopeFilter } from './lib/envelope-callbacks/envelope-callback.entity';
export { EnvelopeCallbackRepository } from './lib/envelope-callbacks/envelope-callback.repository';
export { databaseProbeProvider } from './lib/data-source/database-probe';

export { timeOrderedId, timeOrderedIdFloor } from './lib/ids/time-ordered-id.util';
export { DeliveryEntity, DELIVERY_SOURCES, DELIVERY_STATES, APPLICATION_STATES, CLOSE_REASONS } from './lib/deliveries/delivery.entity';
export type { DeliverySource, DeliveryState, ApplicationState, CloseReason, DeliveryPolicy } from './lib/deliveries/delivery.entity';
export { DeliveryAttemptEntity } from './lib/deliveries/delivery-attempt.entity';
export { DeliveryRepository } from './lib/deliveries/delivery.repository';
export { DeliveryStatsRepository } from './lib/deliveries/delivery-stats.repository';
export type { LatencyBucketCount, StatsMinuteCounts } from './lib/deliveries/delivery-stats.repository';
export { DeliveryStatsMinuteEntity } from './lib/deliveries/delivery-stats-minute.entity';
export { DeliveryStatsLatencyEntity } from './lib/deliveries/delivery-stats-latency.entity';
export type { DeliveryPageQuery, DeliveryColumn, DeliveryComparison, DeliveryTimeRange } from './lib/deliveries/delivery.repository';
export { serializedWrite, serializedTransaction } from './lib/data-source/serialized-write.util';

export { EnvelopeCallbackMailboxEntity } from './lib/envelope-callbacks/envelope-callback-mailbox.entity';
export { EnvelopeEntity } from './lib/envelopes/envelope.entity';
export { EnvelopeRepository } from './lib/envelopes/envelope.repository';
export { DeliveryTargetEntity } from './lib/deliveries/delivery-target.entity';
export { DeliveryIdempotencyKeyEntity } from './lib/deliveries/delivery-idempotency-key.entity';
export { SEALED_COLUMNS } from './lib/sealed-columns/sealed-columns.registry';
export type { SealedColumn } from './lib/sealed-columns/sealed-columns.registry';
export { rekeySealedColumns } from './lib/sealed-columns/rekey-sealed-columns';
export type { RekeyColumnReport, RekeyOptions } from './lib/sealed-columns/rekey-sealed-columns';

export { OperationalEventEntity } from './lib/operational-events/operational-event.entity';
export type { OperationalEventType } from './lib/operational-events/operational-event.entity';
export { OperationalEventRepository } from './lib/operational-events/operational-event.repository';
export type { OperationalEventCursor } from './lib/operational-events/operational-event.repository';
export { OperationalWebhookEntity } from './lib/operational-events/operational-webhook.entity';
export { OperationalWebhookRepository } from './lib/operational-events/operational-webhook.repository';
export { ReplayJobEntity, REPLAY_JOB_STATUSES } from './lib/replay-jobs/replay-job.entity';
export type { ReplayJobStatus } from './lib/replay-jobs/replay-job.entity';
export { ReplayJobRepository } from './lib/replay-jobs/replay-job.repository';
export type { CreatedReplayJob, ReplayJobProgress } from './lib/replay-jobs/replay-job.repository';
export type { DeliveryKeysetQuery, DeliveryLogRow, LatestAttempt } from './lib/deliveries/delivery.repository';
