import { MixedList } from 'typeorm';
import { ApplicationWebhookEntity } from '../application-webhooks/application-webhook.entity';
import { EnvelopeCallbackEntity } from '../envelope-callbacks/envelope-callback.entity';
import { IntegrationPointEntity } from '../integration-points/integration-point.entity';
import { EnvelopeCallbacksInit1763800000300 } from '../migrations/callbacks/1763800000300-envelope-callbacks-init';
import { TenancyInit1763800000000 } from '../migrations/gateway/1763800000000-tenancy-init';
import { IntegrationPointsInit1763800000100 } from '../migrations/integration-points/1763800000100-integration-points-init';
import { ApplicationWebhooksInit1763800000200 } from '../migrations/webhooks/1763800000200-application-webhooks-init';
import { ApplicationWebhookHeadersSealed1763800000210 } from '../migrations/webhooks/1763800000210-application-webhook-headers-sealed';
import { ApiKeyEntity } from '../tenancy/api-key.entity';
import { DeliveryAttemptEntity } from '../deliveries/delivery-attempt.entity';
import { DeliveryEntity } from '../deliveries/delivery.entity';
import { DeliveriesInit1763800000400 } from '../migrations/delivery/1763800000400-deliveries-init';
import { EndpointHealth1763800000410 } from '../migrations/delivery/1763800000410-endpoint-health';
import { DeliveryTargetEntity } from '../deliveries/delivery-target.entity';
import { DeliveryIdempotencyKeyEntity } from '../deliveries/delivery-idempotency-key.entity';
import { DeliveryTargetsAndWake1763800000420 } from '../migrations/delivery/1763800000420-delivery-targets-and-wake';
import { CredentialsOutOfDeliveries1763800000430 } from '../migrations/delivery/1763800000430-credentials-out-of-deliveries';
import { DeliveryTraceparent1763800000440 } from '../migrations/delivery/1763800000440-delivery-traceparent';
import { Retention1763800000450 } from '../migrations/delivery/1763800000450-retention';
import { DeliveryStats1763800000460 } from '../migrations/delivery/1763800000460-delivery-stats';
import { DeliveryStatsMinuteEntity } from '../deliveries/delivery-stats-minute.entity';
import { DeliveryStatsLatencyEntity } from '../deliveries/delivery-stats-latency.entity';
import { OperationalEvents1763800000470 } from '../migrations/delivery/1763800000470-operational-events';
import { OperationalEventEntity } from '../operational-events/operational-event.entity';
import { OperationalWebhookEntity } from '../operational-events/operational-webhook.entity';
import { DeliveryLogConsole1763800000480 } from '../migrations/delivery/1763800000480-delivery-log-console';
import { OperationalEventOutbox1763800000490 } from '../migrations/delivery/1763800000490-operational-event-outbox';
import { ReplayJobEntity } from '../replay-jobs/replay-job.entity';
import { TenantEntity } from '../tenancy/tenant.entity';
import { EnvelopeCallbackMailboxEntity } from '../envelope-callbacks/envelope-callback-mailbox.entity';
import { EnvelopeEntity } from '../envelopes/envelope.entity';
import { EnvelopesAndMailboxVersions1763800000310 } from '../migrations/callbacks/1763800000310-envelopes-and-mailbox-versions';
import { EnvelopesUpdatedIndex1763800000320 } from '../migrations/callbacks/1763800000320-envelopes-updated-index';

/* eslint-disable @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity/migration list type */
export interface SchemaDefinition {
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
  /** Each service records its own migrations: services own their tables and migrate independently. */
  migrationsTableName: string;
}
/* eslint-enable @typescript-eslint/no-unsafe-function-type */

export const SCHEMAS = {
  gateway: { entities: [TenantEntity, ApiKeyEntity], migrations: [TenancyInit1763800000000], migrationsTableName: 'migrations_gateway' },
  'integration-points': {
    entities: [IntegrationPointEntity], migrations: [IntegrationPointsInit1763800000100], migrationsTableName: 'migrations_integration_points',
  },
  webhooks: {
    entities: [ApplicationWebhookEntity], migrations: [ApplicationWebhooksInit1763800000200, ApplicationWebhookHeadersSealed1763800000210],
    migrationsTableName: 'migrations_webhooks',
  },
  callbacks: {
    entities: [EnvelopeCallbackEntity, EnvelopeCallbackMailboxEntity, EnvelopeEntity],
    migrations: [EnvelopeCallbacksInit1763800000300, EnvelopesAndMailboxVersions1763800000310, EnvelopesUpdatedIndex1763800000320],
    migrationsTableName: 'migrations_callbacks',
  },
  /** The delivery log: written by every service's delivery worker, read by the callbacks service (GET /callback). */
  delivery: {
    entities: [DeliveryEntity, DeliveryAttemptEntity, DeliveryTargetEntity, DeliveryIdempotencyKeyEntity, DeliveryStatsMinuteEntity, DeliveryStatsLatencyEntity, OperationalEventEntity,
      OperationalWebhookEntity, ReplayJobEntity],
    migrations: [DeliveriesInit1763800000400, EndpointHealth1763800000410, DeliveryTargetsAndWake1763800000420, CredentialsOutOfDeliveries1763800000430,
      DeliveryTraceparent1763800000440, Retention1763800000450, DeliveryStats1763800000460, OperationalEvents1763800000470, DeliveryLogConsole1763800000480,
      OperationalEventOutbox1763800000490],
    migrationsTableName: 'migrations_delivery',
  },
} as const satisfies Record<string, SchemaDefinition>;

export type SchemaName = keyof typeof SCHEMAS;
