import { LATENCY_BUCKET_BOUNDS_MS } from './latency-buckets.constants';

/**
 * The q-quantile (0 < q ≤ 1) of a latency histogram (`counts[i]` = attempts in bucket i), null when it is
 * empty. Linear interpolation inside the bucket the rank falls in (bucket 0 starts at 0 ms); the open-ended
 * last bucket answers its lower bound, the most the histogram knows. Rounded to 0.1 ms.
 */
export function latencyPercentile(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((sum, c) => sum + c, 0);
  if (total === 0) return null;
  const bounds = LATENCY_BUCKET_BOUNDS_MS;
  const rank = q * total;
  let below = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i]!;
    if (count > 0 && below + count >= rank) {
      const lower = i === 0 ? 0 : bounds[i - 1]!;
      if (i >= bounds.length) return lower;
      const upper = bounds[i]!;
      return Math.round((lower + ((upper - lower) * (rank - below)) / count) * 10) / 10;
    }
    below += count;
  }
  return bounds[bounds.length - 1]!;
}
