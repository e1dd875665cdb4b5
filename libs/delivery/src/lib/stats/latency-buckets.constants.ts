/**
 * Upper bounds (inclusive, ms) of the attempt-latency histogram's buckets, log-scale 1-2-5: bucket i holds
 * durations in (BOUNDS[i-1], BOUNDS[i]] (bucket 0 from 0), and bucket BOUNDS.length everything slower than
 * the last bound. Stored as the bucket's index: changing these bounds needs a migration of the stored rows.
 */
export const LATENCY_BUCKET_BOUNDS_MS: readonly number[] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 30_000, 60_000];
