import { latencyBucket } from './latency-bucket.util';
import { LATENCY_BUCKET_BOUNDS_MS } from './latency-buckets.constants';
import { latencyPercentile } from './latency-percentile.util';

/** A histogram with `count` attempts in each given bucket. */
const histogram = (entries: Array<[bucket: number, count: number]>): number[] => {
  const counts = new Array<number>(LATENCY_BUCKET_BOUNDS_MS.length + 1).fill(0);
  for (const [bucket, count] of entries) counts[bucket] = count;
  return counts;
};

describe('latencyBucket', () => {
  it.each([
    [0, 0], [1, 0], [1.5, 1], [2, 1], [3, 2], [5, 2], [6, 3], [100, 6], [101, 7], [60_000, 15], [60_001, 16], [3_600_000, 16],
  ])('%p ms → bucket %p', (ms, bucket) => {
    expect(latencyBucket(ms)).toBe(bucket);
  });
});

describe('latencyPercentile', () => {
  it.each<[string, number[], number, number | null]>([
    ['empty histogram', histogram([]), 0.5, null],
    ['one attempt in (0,1]: p50 is the middle of the bucket', histogram([[0, 1]]), 0.5, 0.5],
    ['one attempt in (50,100]: p50 interpolates to 75', histogram([[6, 1]]), 0.5, 75],
    ['one attempt in (50,100]: p99 near the top', histogram([[6, 1]]), 0.99, 99.5],
    ['100 in (10,20]: p50 = 15', histogram([[4, 100]]), 0.5, 15],
    ['100 in (10,20]: p99 = 19.9', histogram([[4, 100]]), 0.99, 19.9],
    ['90 fast, 10 slow: p50 in the fast bucket', histogram([[2, 90], [9, 10]]), 0.5, 2 + (3 * 50) / 90],
    ['90 fast, 10 slow: p99 in the slow bucket (500,1000]', histogram([[2, 90], [9, 10]]), 0.99, 950],
    ['rank exactly at a bucket edge stays in the lower bucket', histogram([[2, 50], [9, 50]]), 0.5, 5],
    ['everything slower than the last bound: its lower bound', histogram([[16, 3]]), 0.99, 60_000],
  ])('%s', (_what, counts, q, expected) => {
    const value = latencyPercentile(counts, q);
    if (expected === null) expect(value).toBeNull();
    else expect(value).toBeCloseTo(expected, 1);
  });
});
