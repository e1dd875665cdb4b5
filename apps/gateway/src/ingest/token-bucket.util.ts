/** A tenant's ingest allowance: events per second, and how many may arrive at once. */
export interface BucketLimit {
  readonly ratePerSecond: number;
  readonly burst: number;
}

/** Tokens left at a moment (ms on a monotonic clock); negative while a large batch is being paid back. */
export interface BucketState {
  readonly tokens: number;
  readonly atMs: number;
}

export type TakeResult = { accepted: true; state: BucketState } | { accepted: false; state: BucketState; retryAfterMs: number };

/** A bucket nobody has drawn from yet: full. */
export function freshBucket(limit: BucketLimit, nowMs: number): BucketState {
  return { tokens: limit.burst, atMs: nowMs };
}

/** The bucket refilled at the limit's rate up to now, never above the burst. */
export function refilled(state: BucketState, limit: BucketLimit, nowMs: number): BucketState {
  if (nowMs <= state.atMs) return state;
  return { tokens: Math.min(limit.burst, state.tokens + ((nowMs - state.atMs) * limit.ratePerSecond) / 1000), atMs: nowMs };
}

/**
 * Takes `cost` tokens whole or not at all (a batch is never accepted in part). A batch larger than the burst
 * could never fit, so it is taken from a full bucket and leaves it in debt: nothing else is accepted until
 * the debt is paid back at the configured rate, which keeps the long-run rate exact. When refused, says
 * how long until the same request would fit (if nothing else draws meanwhile).
 */
export function take(state: BucketState, limit: BucketLimit, cost: number, nowMs: number): TakeResult {
  const current = refilled(state, limit, nowMs);
  const needed = Math.min(cost, limit.burst);
  if (current.tokens >= needed) return { accepted: true, state: { tokens: current.tokens - cost, atMs: current.atMs } };
  return { accepted: false, state: current, retryAfterMs: Math.ceil(((needed - current.tokens) * 1000) / limit.ratePerSecond) };
}

/** Charges events accepted elsewhere (another gateway replica): always applied, possibly into debt. */
export function charged(state: BucketState, limit: BucketLimit, cost: number, nowMs: number): BucketState {
  const current = refilled(state, limit, nowMs);
  return { tokens: current.tokens - cost, atMs: current.atMs };
}
