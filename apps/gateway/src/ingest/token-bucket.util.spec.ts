import { BucketState, charged, freshBucket, refilled, take } from './token-bucket.util';

const LIMIT = { ratePerSecond: 10, burst: 20 };
const at = (tokens: number, atMs = 0): BucketState => ({ tokens, atMs });

describe('token bucket', () => {
  it.each([
    ['no time passed', at(5), 0, at(5)],
    ['100 ms at 10/s adds one token', at(5), 100, at(6, 100)],
    ['never above the burst', at(19), 10_000, at(20, 10_000)],
    ['debt is paid back at the rate', at(-10), 1_000, at(0, 1_000)],
    ['a clock that went back changes nothing', at(5, 500), 100, at(5, 500)],
  ])('refilled: %s', (_name, state, now, expected) => {
    expect(refilled(state, LIMIT, now)).toEqual(expected);
  });

  it.each([
    ['one event from a full bucket', freshBucket(LIMIT, 0), 1, 0, { accepted: true, state: at(19) }],
    ['the whole burst at once', at(20), 20, 0, { accepted: true, state: at(0) }],
    ['one over what is left: refused whole', at(3), 4, 0, { accepted: false, state: at(3), retryAfterMs: 100 }],
    ['empty: one event fits after 1/rate', at(0), 1, 0, { accepted: false, state: at(0), retryAfterMs: 100 }],
    ['in debt: waits until the debt and the cost are covered', at(-20), 5, 0, { accepted: false, state: at(-20), retryAfterMs: 2_500 }],
    ['refill counts before taking', at(0), 5, 500, { accepted: true, state: at(0, 500) }],
    ['a batch over the burst fits a full bucket and leaves debt', at(20), 1_000, 0, { accepted: true, state: at(-980) }],
    ['a batch over the burst waits for a full bucket', at(19), 1_000, 0, { accepted: false, state: at(19), retryAfterMs: 100 }],
  ])('take: %s', (_name, state, cost, now, expected) => {
    expect(take(state, LIMIT, cost, now)).toEqual(expected);
  });

  it.each([
    ['from a full bucket', at(20), 5, 0, at(15)],
    ['into debt', at(2), 5, 0, at(-3)],
    ['after refilling', at(0), 5, 1_000, at(5, 1_000)],
  ])('charged: %s', (_name, state, cost, now, expected) => {
    expect(charged(state, LIMIT, cost, now)).toEqual(expected);
  });

  it('holds the rate over time: 10/s with a burst of 20 accepts 20 + 10·t events in t seconds', () => {
    let state = freshBucket(LIMIT, 0);
    let accepted = 0;
    for (let now = 0; now <= 5_000; now += 10) {
      const result = take(state, LIMIT, 1, now);
      state = result.state;
      if (result.accepted) accepted++;
    }
    expect(accepted).toBe(20 + 50);
  });
});
