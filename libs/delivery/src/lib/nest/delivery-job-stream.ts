import type { CommonEnv } from '@hookrelay/config';
import { STREAMS, StreamDefinition } from '@hookrelay/contracts';

/**
 * The delivery job stream with its limits from the config. Every service ensures it at boot, so every
 * service must pass this (not the bare STREAMS.deliveryJobs), or they would undo each other's limits.
 */
export function deliveryJobStreamFrom(env: Pick<CommonEnv, 'DELIVERY_STREAM_MAX_BYTES' | 'DELIVERY_STREAM_MAX_AGE_SECONDS'>): StreamDefinition {
  return { ...STREAMS.deliveryJobs, limits: { maxBytes: env.DELIVERY_STREAM_MAX_BYTES, maxAgeSeconds: env.DELIVERY_STREAM_MAX_AGE_SECONDS } };
}
