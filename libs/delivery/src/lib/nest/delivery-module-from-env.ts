import { DynamicModule } from '@nestjs/common';
import { CommonEnv } from '@hookrelay/config';
import { DeliveryHttpClient } from '../http/delivery-http.client';
import { parseCidrList } from '../http/parse-cidr-list.parser';
import { parseRetrySchedule } from '../retry/parse-retry-schedule.parser';
import { DeliveryModule } from './delivery.module';

/**
 * The delivery engine as every service runs it, configured from the validated common env.
 * Schedule and CIDR syntax errors stop boot with the variable's name.
 */
export function deliveryModuleFromEnv(env: CommonEnv): DynamicModule {
  const allowCidrs = parse('DELIVERY_ALLOW_CIDRS', () => parseCidrList(env.DELIVERY_ALLOW_CIDRS ?? ''));
  return DeliveryModule.forRoot({
    schedule: parse('CALLBACK_RETRY_SCHEDULE', () => parseRetrySchedule(env.CALLBACK_RETRY_SCHEDULE)),
    concurrency: env.DELIVERY_CONCURRENCY,
    maxPerEndpoint: env.DELIVERY_MAX_PER_ENDPOINT,
    ackWaitMs: env.DELIVERY_ACK_WAIT_MS,
    sweepIntervalMs: env.DELIVERY_SWEEP_INTERVAL_MS,
    pauseAfterMs: env.DELIVERY_PAUSE_AFTER_MS,
    allowCidrs,
    runWorker: env.DELIVERY_WORKER === 'true',
    encryptionKey: env.HOOKRELAY_ENCRYPTION_KEY,
    http: () => new DeliveryHttpClient({ allowCidrs, connectionsPerOrigin: env.DELIVERY_MAX_PER_ENDPOINT }),
  });
}

function parse<T>(variable: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new Error(`Invalid configuration:\n  - ${variable}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
