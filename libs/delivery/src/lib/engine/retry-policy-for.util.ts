import { conpeekRetryPolicy } from '../retry/conpeek-retry-policy.util';
import { docstudioRetryPolicy } from '../retry/docstudio-retry-policy.util';
import { RetryPolicy } from '../retry/retry-policy.types';
import { RetrySchedule } from '../retry/retry-schedule.types';
import { EnginePolicy } from './delivery-policy.types';

/** Integration-point sends have no user-set policy: a fixed, short schedule. */
const BEARER_RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000];

export function retryPolicyFor(policy: EnginePolicy, schedule: RetrySchedule, random: () => number = Math.random): RetryPolicy {
  switch (policy.kind) {
    case 'docstudio':
      return docstudioRetryPolicy({ retries: policy.retries, schedule, random });
    case 'conpeek':
      return conpeekRetryPolicy({ retry_enabled: policy.retryEnabled, retry_config: policy.retryConfig });
    case 'bearer':
      return {
        maxAttempts: policy.maxAttempts,
        delayMs: (n) => BEARER_RETRY_DELAYS_MS[Math.min(n, BEARER_RETRY_DELAYS_MS.length) - 1]!,
      };
  }
}
