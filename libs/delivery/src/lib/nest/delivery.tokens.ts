import { AttemptResult } from '../outcome/attempt-outcome.types';
import { RetrySchedule } from '../retry/retry-schedule.types';

export const DELIVERY_OPTIONS = Symbol('DELIVERY_OPTIONS');
export const DELIVERY_HTTP = Symbol('DELIVERY_HTTP');

export interface DeliveryModuleOptions {
  /** Parsed CALLBACK_RETRY_SCHEDULE. */
  schedule: RetrySchedule;
  concurrency: number;
  maxPerEndpoint: number;
  ackWaitMs: number;
  sweepIntervalMs: number;
  allowCidrs: string[];
  /** An endpoint failing without a success for this long is paused (DELIVERY_PAUSE_AFTER_MS). */
  pauseAfterMs: number;
  /** False in processes that only enqueue (none today: every service also works the queue). */
  runWorker: boolean;
}

/** The HTTP side of one attempt, as the worker needs it (implemented by DeliveryHttpClient). */
export interface HttpAttempter {
  attempt(request: { url: string; headers: Record<string, string>; body: string; timeoutMs: number }): Promise<{
    result: AttemptResult;
    durationMs: number;
    snippet: string;
    retryAfter?: string;
    error?: string;
  }>;
  close(): Promise<void>;
}
