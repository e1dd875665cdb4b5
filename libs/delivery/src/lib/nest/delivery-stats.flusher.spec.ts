import type { DeliveryStatsBatch } from '../core/ports/delivery-stats.port';
import { DeliveryStatsAggregator } from '../stats/delivery-stats.aggregator';
import { DeliveryStatsFlusher } from './delivery-stats.flusher';

const TENANT = '00000000-0000-4000-8000-000000000001';
const key = { tenantId: TENANT, source: 'application_webhook' as const, subscriptionId: '1' };
const MIN = 1_800_000_000_000 - (1_800_000_000_000 % 60_000);

/** A store port that records what it is asked to write, failing while `down`. */
function fakeStore() {
  const written: DeliveryStatsBatch[] = [];
  const state = { down: false, written };
  return {
    state,
    addStats: async (batch: DeliveryStatsBatch): Promise<void> => {
      if (state.down) throw new Error('database restarting');
      written.push(batch);
    },
  };
}

describe('DeliveryStatsFlusher', () => {
  it('writes nothing when nothing was counted; one call per flush with everything counted since the last', async () => {
    const store = fakeStore();
    const aggregator = new DeliveryStatsAggregator();
    const flusher = new DeliveryStatsFlusher(store, aggregator, 60_000, () => undefined);
    await flusher.flush();
    expect(store.state.written).toHaveLength(0);
    aggregator.settled({ key, outcome: 'delivered', durationMs: 3, at: MIN + 1 });
    aggregator.settled({ key, outcome: 'retrying', durationMs: 3, at: MIN + 2 });
    await Promise.all([flusher.flush(), flusher.flush()]);
    expect(store.state.written).toHaveLength(1);
    expect(store.state.written[0]!.minutes).toEqual([expect.objectContaining({ delivered: 1, retrying: 1, attempts: 2 })]);
  });

  it('a failed write keeps the batch for the next flush, added to what came meanwhile; stop() flushes the rest', async () => {
    const store = fakeStore();
    const warnings: string[] = [];
    const aggregator = new DeliveryStatsAggregator();
    const flusher = new DeliveryStatsFlusher(store, aggregator, 60_000, (m) => warnings.push(m));
    aggregator.settled({ key, outcome: 'delivered', durationMs: 3, at: MIN + 1 });
    store.state.down = true;
    await flusher.flush();
    expect(warnings).toEqual([expect.stringContaining('database restarting')]);
    expect(aggregator.isEmpty).toBe(false);
    store.state.down = false;
    aggregator.settled({ key, outcome: 'failed', durationMs: 3, at: MIN + 2 });
    await flusher.stop();
    expect(store.state.written).toEqual([expect.objectContaining({ minutes: [expect.objectContaining({ delivered: 1, failed: 1, attempts: 2 })] })]);
    expect(aggregator.isEmpty).toBe(true);
  });
});
