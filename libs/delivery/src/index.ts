// The public surface of @hookrelay/delivery: the delivery engine (framework-free core + its Nest adapter),
// its pure policies (signing, retry, outcome) and the guarded HTTP client.
export { DeliverySettingError } from './lib/delivery-setting.error';
export type { DeliverySetting } from './lib/delivery-setting.error';

// Standard Webhooks signing and secret rotation
export type { SigningSecretEntry, StandardWebhookHeaders } from './lib/signing/signing.types';
export type { SignPayloadInput } from './lib/signing/sign-payload.util';
export {
  SECRET_ROTATION_GRACE_MS,
  SIGNING_SECRET_BYTES,
  SIGNING_SECRET_MAX_BYTES,
  SIGNING_SECRET_MIN_BYTES,
  SIGNING_SECRET_PREFIX,
} from './lib/signing/signing.constants';
export { generateSigningSecret } from './lib/signing/generate-signing-secret.util';
export { parseSigningSecret } from './lib/signing/parse-signing-secret.util';
export { signPayload } from './lib/signing/sign-payload.util';
export { activeSigningSecrets } from './lib/signing/active-signing-secrets.util';
export { rotateSigningSecrets } from './lib/signing/rotate-signing-secrets.util';

// Retry policies
export type { RetryPolicy } from './lib/retry/retry-policy.types';
export type { ExponentialRetrySchedule, ListRetrySchedule, RetrySchedule } from './lib/retry/retry-schedule.types';
export type { ConpeekBackoffType, ConpeekRetryConfig, ConpeekRetrySettings } from './lib/retry/conpeek-retry.types';
export type { DocstudioRetryOptions } from './lib/retry/docstudio-retry-policy.util';
export type { RetryAfterBounds } from './lib/retry/retry-after-ms.util';
export {
  DEFAULT_RETRY_SCHEDULE,
  DOCSTUDIO_MAX_RETRIES,
  MAX_RETRY_DELAY_MS,
} from './lib/retry/retry.constants';
export { parseRetrySchedule } from './lib/retry/parse-retry-schedule.parser';
export { docstudioRetryDelayMs } from './lib/retry/docstudio-retry-delay-ms.util';
export { docstudioRetryPolicy } from './lib/retry/docstudio-retry-policy.util';
export { conpeekRetryDelayMs } from './lib/retry/conpeek-retry-delay-ms.util';
export { conpeekMaxAttempts } from './lib/retry/conpeek-max-attempts.util';
export { conpeekRetryPolicy } from './lib/retry/conpeek-retry-policy.util';
export { nextAttemptAt } from './lib/retry/next-attempt-at.util';
export { retryAfterMs } from './lib/retry/retry-after-ms.util';
export { parseHttpDate } from './lib/retry/parse-http-date.util';

// Attempt outcome and the stored response snippet
export type {
  AttemptOutcome,
  AttemptOutcomeKind,
  AttemptResult,
  SuccessRule,
} from './lib/outcome/attempt-outcome.types';
export { classifyAttempt } from './lib/outcome/classify-attempt.util';
export { DEFAULT_SNIPPET_BYTES, responseSnippet } from './lib/response/response-snippet.util';

// The engine: pure planning/settling of attempts
export type { EngineDelivery, EnginePolicy } from './lib/engine/delivery-policy.types';
export { planAttempt } from './lib/engine/plan-attempt.util';
export type { PlannedAttempt } from './lib/engine/plan-attempt.util';
export { settleAttempt, RETRY_AFTER_CAP_MS } from './lib/engine/settle-attempt.util';
export type { SettledAttempt } from './lib/engine/settle-attempt.util';
export { retryPolicyFor } from './lib/engine/retry-policy-for.util';

// The engine core (framework-free) and its Nest adapter
export { DeliveryEngine } from './lib/core/delivery-engine';
export type { EngineOptions, EnginePorts } from './lib/core/delivery-engine';
export type { NewDelivery, AcceptOptions } from './lib/core/delivery-intake';
export type { TargetConfig, PausedSubscription, ListedSubscription } from './lib/core/subscription-targets';
export type { TargetListQuery } from './lib/core/ports/delivery-store.port';
export type { SubscriptionKey, DeliverySource as EngineDeliverySource } from './lib/core/ports/delivery-store.port';
export { originOf } from './lib/core/concurrency-gate';
export { DeliveryModule } from './lib/nest/delivery.module';
export { deliveryModuleFromEnv, deliveryOptionsFromEnv } from './lib/nest/delivery-module-from-env';
export { DeliveryLog } from './lib/nest/delivery-log.service';
export { DeliveryStats, QUEUE_DEPTH_CAP } from './lib/nest/delivery-stats.service';
export type { DeliveryStatsOverview } from './lib/nest/delivery-stats.service';
export { STATS_WINDOWS } from './lib/stats/stats-window.util';
export type { StatsWindowName } from './lib/stats/stats-window.util';
export { LATENCY_BUCKET_BOUNDS_MS } from './lib/stats/latency-buckets.constants';
export { OperationalWebhooks, OPERATIONAL_WEBHOOK_POLICY } from './lib/nest/operational-webhooks.service';
export type { OperationalWebhookRegistration } from './lib/nest/operational-webhooks.service';
export { OperationalEventLog } from './lib/nest/operational-event-log.service';
export type { OperationalEvent, OperationalEvents, OperationalEventType } from './lib/core/ports/operational-events.port';
export { NO_OPERATIONAL_EVENTS } from './lib/core/ports/operational-events.port';
export { deliveryJobStreamFrom } from './lib/nest/delivery-job-stream';
export { DeliveryQueueFullError } from './lib/core/delivery-queue-full.error';
export type { DeliveryModuleOptions } from './lib/nest/delivery.tokens';

// Retention: the batch loop under a lease, and the registry a service adds its own tables' tasks to
export { RetentionSweeper, retentionLease } from './lib/retention/retention-sweeper';
export type { RetentionReport, RetentionSettings } from './lib/retention/retention-sweeper';
export type { PruneBatch, RetentionTask } from './lib/retention/retention-task.types';
export { singleTableRetentionTask } from './lib/retention/retention-task.types';
export { RetentionTasks } from './lib/retention/retention-tasks.registry';
export type { HttpAttempter } from './lib/core/ports/http-attempter.port';

// The HTTP attempt and its SSRF guard
export type { DeliveryHttpClientOptions, HttpAttemptRequest, HttpAttemptResult } from './lib/http/http-attempt.types';
export type { ResolveAll } from './lib/http/guarded-lookup.util';
export { DeliveryHttpClient } from './lib/http/delivery-http.client';
export { AxiosHttpAttempter } from './lib/http-axios/axios-http.attempter';
export { undiciAxiosAdapter } from './lib/http-axios/undici-axios.adapter';
export type { UndiciAxiosAdapterOptions } from './lib/http-axios/undici-axios.adapter';
export { CachingDnsResolver } from './lib/http/caching-dns.resolver';
export type { CachingDnsResolverOptions } from './lib/http/caching-dns.resolver';
export { DEFAULT_DNS_TIMEOUT_MS } from './lib/http/dns.constants';
export {
  DEFAULT_CONNECTIONS_PER_ORIGIN,
  DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
  MAX_BODY_READ_BYTES,
} from './lib/http/http.constants';
export type { TargetUrlCheck } from './lib/http/check-target-url.util';
export { checkTargetUrl } from './lib/http/check-target-url.util';
export { TargetUrlPolicy } from './lib/http/target-url.policy';
export { parsePublicUrls } from './lib/http/parse-public-urls.parser';
export { MIN_ALLOW_PREFIX } from './lib/http/allow-cidr.parser';
export { parseCidrList } from './lib/http/parse-cidr-list.parser';
export { CidrListError } from './lib/http/cidr-list.error';
export type { AddressRefusal } from './lib/http/refused-address-range.util';
export { refusedAddressRange } from './lib/http/refused-address-range.util';
export type { RefusedRange } from './lib/http/refused-ranges.constants';
export { REFUSED_RANGES } from './lib/http/refused-ranges.constants';
export { nextEndpointHealth } from './lib/engine/endpoint-health.util';
export type { EndpointHealthState } from './lib/engine/endpoint-health.util';
