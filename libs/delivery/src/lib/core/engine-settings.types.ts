import type { RetrySchedule } from '../retry/retry-schedule.types';

/** The engine's tunables (from DELIVERY_* settings; see libs/config CommonEnv). */
export interface EngineSettings {
  /** Default DocStudio schedule (CALLBACK_RETRY_SCHEDULE). */
  schedule: RetrySchedule;
  /** A target failing without a success for this long is paused (DELIVERY_PAUSE_AFTER_MS). */
  pauseAfterMs: number;
  /**
   * How long a published job may go unanswered before the scheduler may publish it again (it was lost:
   * a wiped stream, a publish that failed after the commit). Must exceed the JetStream ack wait.
   */
  leaseMs: number;
  /** User-Agent of every attempt. */
  userAgent: string;
  /** No attempt runs longer than this, whatever the subscription's timeout (the ack wait must exceed it). */
  attemptTimeoutCapMs: number;
  /** Longest a parked job waits before it is offered again (busy endpoint or tenant). */
  maxParkMs: number;
}
