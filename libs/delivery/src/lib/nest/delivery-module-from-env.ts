import { DynamicModule } from '@nestjs/common';
import { CommonEnv, databaseConfigFrom, encryptionKeyringFrom } from '@hookrelay/config';
import { DEFAULT_USER_AGENT } from '../http/http.constants';
import { parseCidrList } from '../http/parse-cidr-list.parser';
import { parsePublicUrls } from '../http/parse-public-urls.parser';
import { parseRetrySchedule } from '../retry/parse-retry-schedule.parser';
import { DeliveryModule } from './delivery.module';
import type { DeliveryModuleOptions } from './delivery.tokens';

/** The ack wait must exceed the longest attempt by this much (the ack and the record take time too). */
export const ACK_WAIT_MARGIN_MS = 5_000;
/** Targets held per process (each a few hundred bytes). */
const TARGET_CACHE_ENTRIES = 100_000;
/** Safety net behind the change announcements (never the only invalidation). */
const TARGET_CACHE_MAX_AGE_MS = 60_000;

/**
 * The delivery engine as every service runs it, configured from the validated common env. Settings that
 * only make sense together are checked here and stop boot with the variable's name.
 */
export function deliveryModuleFromEnv(env: CommonEnv): DynamicModule {
  return DeliveryModule.forRoot(deliveryOptionsFromEnv(env));
}

export function deliveryOptionsFromEnv(env: CommonEnv): DeliveryModuleOptions {
  const allowCidrs = parse('DELIVERY_ALLOW_CIDRS', () => parseCidrList(env.DELIVERY_ALLOW_CIDRS ?? ''));
  const publicUrls = parse('HOOKRELAY_PUBLIC_URLS', () => parsePublicUrls(env.HOOKRELAY_PUBLIC_URLS ?? ''));
  const schedule = parse('CALLBACK_RETRY_SCHEDULE', () => parseRetrySchedule(env.CALLBACK_RETRY_SCHEDULE));
  parse('DELIVERY_ACK_WAIT_MS', () => {
    if (env.DELIVERY_ACK_WAIT_MS < env.DELIVERY_ATTEMPT_TIMEOUT_CAP_MS + ACK_WAIT_MARGIN_MS) {
      throw new Error(`must be at least DELIVERY_ATTEMPT_TIMEOUT_CAP_MS + ${ACK_WAIT_MARGIN_MS} ms (${env.DELIVERY_ATTEMPT_TIMEOUT_CAP_MS + ACK_WAIT_MARGIN_MS}): `
        + 'a job still being attempted would be handed to a second worker');
    }
  });
  return {
    engine: {
      schedule,
      pauseAfterMs: env.DELIVERY_PAUSE_AFTER_MS,
      // A published job not answered within this long is presumed lost (see DeliveryScheduler).
      leaseMs: env.DELIVERY_ACK_WAIT_MS * 2,
      userAgent: DEFAULT_USER_AGENT,
      maxParkMs: env.DELIVERY_MAX_PARK_MS,
      attemptTimeoutCapMs: env.DELIVERY_ATTEMPT_TIMEOUT_CAP_MS,
      slots: env.DELIVERY_CONCURRENCY + env.DELIVERY_RETRY_CONCURRENCY,
      perEndpoint: env.DELIVERY_MAX_PER_ENDPOINT,
      perTenant: env.DELIVERY_MAX_PER_TENANT,
      // Half of the fresh lane may wait on one (fast) endpoint; the other half stays free for everyone else.
      maxHoldPerEndpoint: Math.max(1, Math.floor(env.DELIVERY_CONCURRENCY / 2)),
      cacheMaxEntries: TARGET_CACHE_ENTRIES,
      cacheMaxAgeMs: TARGET_CACHE_MAX_AGE_MS,
      schedulerBatch: 500,
    },
    database: databaseConfigFrom(env),
    databasePoolSize: env.DATABASE_POOL_SIZE,
    runWorker: env.DELIVERY_WORKER === 'true',
    freshConcurrency: env.DELIVERY_CONCURRENCY,
    retryConcurrency: env.DELIVERY_RETRY_CONCURRENCY,
    ackWaitMs: env.DELIVERY_ACK_WAIT_MS,
    maxAckPending: env.DELIVERY_MAX_ACK_PENDING,
    schedulerIntervalMs: env.DELIVERY_SCHEDULER_INTERVAL_MS,
    statsFlushMs: env.DELIVERY_STATS_FLUSH_MS,
    attemptTimeoutCapMs: env.DELIVERY_ATTEMPT_TIMEOUT_CAP_MS,
    allowCidrs,
    publicUrls,
    httpClient: env.DELIVERY_HTTP_CLIENT,
    sendTraceparent: env.DELIVERY_SEND_TRACEPARENT === 'true',
    retention: {
      // RETENTION_SECONDS (tests, soaks) overrides RETENTION_DAYS; 0 days = keep closed deliveries forever.
      horizonMs: env.RETENTION_SECONDS !== undefined ? env.RETENTION_SECONDS * 1000 : env.RETENTION_DAYS * 86_400_000,
      batchSize: env.RETENTION_BATCH_SIZE,
      pauseMs: env.RETENTION_BATCH_PAUSE_MS,
      intervalMs: env.RETENTION_INTERVAL_MS,
    },
    encryptionKeys: encryptionKeyringFrom(env),
  };
}

function parse<T>(variable: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new Error(`Invalid configuration:\n  - ${variable}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
