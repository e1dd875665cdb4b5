/** Conpeek `backoff_type`: how the delay grows from one retry to the next. */
export type ConpeekBackoffType = 'constant' | 'linear' | 'multiplier';

/** Conpeek `retry_config`, field names as on the wire. */
export interface ConpeekRetryConfig {
  /** Delay before the first retry, in seconds; may be fractional (0.1 = 100 ms). */
  readonly retry_value: number;
  /** Retries after the first attempt. */
  readonly max_retries: number;
  readonly backoff_type: ConpeekBackoffType;
  /** Seconds added per retry (`linear`) or the factor per retry (`multiplier`); ignored by `constant`. */
  readonly backoff_value: number;
}

/** The retry part of a Conpeek application webhook. `retry_config` may be absent when retries are off. */
export interface ConpeekRetrySettings {
  readonly retry_enabled: 0 | 1;
  readonly retry_config?: ConpeekRetryConfig | null;
}
