import type { SettledWork } from '../core/ports/delivery-stats.port';
import type { SubscriptionKey } from '../core/ports/delivery-store.port';
import { DeliveryStatsAggregator } from './delivery-stats.aggregator';

const T1 = '00000000-0000-4000-8000-000000000001';
const T2 = '00000000-0000-4000-8000-000000000002';
const MIN = 1_800_000_000_000 - (1_800_000_000_000 % 60_000);
const sub = (tenantId: string, subscriptionId = '1'): SubscriptionKey => ({ tenantId, source: 'application_webhook', subscriptionId });
const work = (key: SubscriptionKey, outcome: SettledWork['outcome'], durationMs: number | null, at: number): SettledWork => ({ key, outcome, durationMs, at });

describe('DeliveryStatsAggregator', () => {
  it.each<[string, SettledWork[], object]>([
    ['one delivered attempt', [work(sub(T1), 'delivered', 12, MIN + 5)], {
      minutes: [{ tenantId: T1, minute: MIN, delivered: 1, retrying: 0, failed: 0, disabled: 0, attempts: 1, latencyMsSum: 12 }],
      latency: [{ tenantId: T1, minute: MIN, bucket: 4, count: 1 }],
      targets: [{ key: sub(T1), lastSuccessAt: MIN + 5, lastFailureAt: null }],
    }],
    ['each outcome in the same minute; the latest success and failure win', [
      work(sub(T1), 'delivered', 3, MIN + 1), work(sub(T1), 'retrying', 4, MIN + 2), work(sub(T1), 'failed', 40, MIN + 3),
      work(sub(T1), 'disabled', 1, MIN + 4), work(sub(T1), 'delivered', 3, MIN + 6),
    ], {
      minutes: [{ tenantId: T1, minute: MIN, delivered: 2, retrying: 1, failed: 1, disabled: 1, attempts: 5, latencyMsSum: 51 }],
      latency: [{ tenantId: T1, minute: MIN, bucket: 0, count: 1 }, { tenantId: T1, minute: MIN, bucket: 2, count: 3 }, { tenantId: T1, minute: MIN, bucket: 5, count: 1 }],
      targets: [{ key: sub(T1), lastSuccessAt: MIN + 6, lastFailureAt: MIN + 4 }],
    }],
    ['a close without an attempt counts its outcome only (no attempt, latency or failure time)', [work(sub(T1), 'disabled', null, MIN + 1)], {
      minutes: [{ tenantId: T1, minute: MIN, delivered: 0, retrying: 0, failed: 0, disabled: 1, attempts: 0, latencyMsSum: 0 }],
      latency: [],
      targets: [],
    }],
    ['minutes and tenants apart, sorted by key', [
      work(sub(T2), 'delivered', 1, MIN + 60_000), work(sub(T1), 'delivered', 1, MIN + 60_001), work(sub(T1), 'retrying', 1, MIN + 59_999),
    ], {
      minutes: [
        expect.objectContaining({ tenantId: T1, minute: MIN, retrying: 1 }),
        expect.objectContaining({ tenantId: T1, minute: MIN + 60_000, delivered: 1 }),
        expect.objectContaining({ tenantId: T2, minute: MIN + 60_000, delivered: 1 }),
      ],
      latency: [expect.objectContaining({ tenantId: T1, minute: MIN }), expect.objectContaining({ tenantId: T1, minute: MIN + 60_000 }), expect.objectContaining({ tenantId: T2 })],
      targets: [{ key: sub(T1), lastSuccessAt: MIN + 60_001, lastFailureAt: MIN + 59_999 }, { key: sub(T2), lastSuccessAt: MIN + 60_000, lastFailureAt: null }],
    }],
  ])('%s', (_what, settled, expected) => {
    const aggregator = new DeliveryStatsAggregator();
    for (const w of settled) aggregator.settled(w);
    expect(aggregator.drain()).toEqual(expected);
  });

  it('drain empties it; absorb puts a failed batch back, added to what came meanwhile', () => {
    const aggregator = new DeliveryStatsAggregator();
    expect(aggregator.isEmpty).toBe(true);
    aggregator.settled(work(sub(T1), 'delivered', 7, MIN + 1));
    const first = aggregator.drain();
    expect(aggregator.isEmpty).toBe(true);
    expect(aggregator.drain()).toEqual({ minutes: [], latency: [], targets: [] });

    aggregator.settled(work(sub(T1), 'failed', 7, MIN + 2));
    aggregator.absorb(first);
    expect(aggregator.drain()).toEqual({
      minutes: [{ tenantId: T1, minute: MIN, delivered: 1, retrying: 0, failed: 1, disabled: 0, attempts: 2, latencyMsSum: 14 }],
      latency: [{ tenantId: T1, minute: MIN, bucket: 3, count: 2 }],
      targets: [{ key: sub(T1), lastSuccessAt: MIN + 1, lastFailureAt: MIN + 2 }],
    });
  });
});
