import { LATENCY_BUCKET_BOUNDS_MS } from './latency-buckets.constants';

/** The histogram bucket index of a duration (see LATENCY_BUCKET_BOUNDS_MS). */
export function latencyBucket(durationMs: number): number {
  const bounds = LATENCY_BUCKET_BOUNDS_MS;
  for (let i = 0; i < bounds.length; i++) if (durationMs <= bounds[i]!) return i;
  return bounds.length;
}
