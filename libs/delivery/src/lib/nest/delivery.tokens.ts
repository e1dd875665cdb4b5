import type { DatabaseTarget } from '@hookrelay/persistence';
import type { EngineOptions } from '../core/delivery-engine';
import type { SecretBoxKeys } from '@hookrelay/secrets';

export const DELIVERY_OPTIONS = Symbol('DELIVERY_OPTIONS');
export const DELIVERY_STORE = Symbol('DELIVERY_STORE');
export const DELIVERY_HTTP = Symbol('DELIVERY_HTTP');

/** Everything the Nest adapter needs, already parsed and checked (deliveryModuleFromEnv builds it). */
export interface DeliveryModuleOptions {
  engine: EngineOptions;
  database: DatabaseTarget;
  databasePoolSize: number;
  /** False in processes that only accept and serve requests (DELIVERY_WORKER=false). */
  runWorker: boolean;
  /** Fresh-lane jobs one process works at once (running or waiting for a cap). */
  freshConcurrency: number;
  /** Retry-lane jobs one process works at once. */
  retryConcurrency: number;
  ackWaitMs: number;
  maxAckPending: number;
  schedulerIntervalMs: number;
  attemptTimeoutCapMs: number;
  allowCidrs: string[];
  /** This platform's own origins (HOOKRELAY_PUBLIC_URLS), refused as delivery targets. */
  publicUrls: string[];
  httpClient: 'undici' | 'axios';
  /** DELIVERY_SEND_TRACEPARENT: each attempt carries its span's `traceparent` (a reserved header then). */
  sendTraceparent?: boolean;
  /** DELIVERY_STATS_FLUSH_MS: how often the worker's delivery stats are written (DeliveryStatsFlusher). */
  statsFlushMs: number;
  /** Retention (RetentionSweeper): horizonMs 0 = closed deliveries are kept forever. */
  retention: { horizonMs: number; batchSize: number; pauseMs: number; intervalMs: number };
  /** The keyring secrets at rest are sealed with (the first key seals). */
  encryptionKeys: SecretBoxKeys;
}
