import { conpeekMaxAttempts } from './conpeek-max-attempts.util';
import { conpeekRetryDelayMs } from './conpeek-retry-delay-ms.util';
import type { ConpeekRetrySettings } from './conpeek-retry.types';
import type { RetryPolicy } from './retry-policy.types';

/** The {@link RetryPolicy} of a Conpeek application webhook. Validates the settings once, up front. */
export function conpeekRetryPolicy(settings: ConpeekRetrySettings): RetryPolicy {
  const maxAttempts = conpeekMaxAttempts(settings);
  const config = settings.retry_config;
  return {
    maxAttempts,
    delayMs: (retryNumber) => {
      if (maxAttempts === 1 || config === undefined || config === null) {
        throw new RangeError('this Conpeek webhook has retries disabled; there is no retry delay');
      }
      return conpeekRetryDelayMs(retryNumber, config);
    },
  };
}
