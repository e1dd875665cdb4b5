import { Injectable } from '@nestjs/common';
import { DeliveryStatsRepository } from '@hookrelay/persistence';
import { LATENCY_BUCKET_BOUNDS_MS } from '../stats/latency-buckets.constants';
import { latencyPercentile } from '../stats/latency-percentile.util';
import { OutcomeCounts, StatsPoint, statsSeries } from '../stats/stats-series.util';
import { StatsWindowName, statsWindow } from '../stats/stats-window.util';

/** The queue depth is counted up to this many: past it the Overview shows "more than". */
export const QUEUE_DEPTH_CAP = 10_000;

export interface DeliveryStatsOverview {
  window: StatsWindowName;
  stepMs: number;
  from: number;
  to: number;
  series: StatsPoint[];
  totals: OutcomeCounts;
  successRatio: number | null;
  latencyMs: { p50: number | null; p99: number | null };
  queueDepth: number;
  queueDepthCapped: boolean;
  pausedSubscriptions: number;
}

/**
 * The read side of the delivery stats (the console's Overview): the pre-aggregated minutes bucketed into the
 * window, the latency percentiles of the merged histogram, the tenant's queue depth (a bounded count) and
 * paused subscriptions. Four index range scans, none of which grows with the deliveries stored (see
 * DeliveryStatsRepository); what the last DELIVERY_STATS_FLUSH_MS settled may not be in yet.
 */
@Injectable()
export class DeliveryStats {
  constructor(private readonly stats: DeliveryStatsRepository) {}

  async overview(tenantId: string, name: StatsWindowName, now: number = Date.now()): Promise<DeliveryStatsOverview> {
    const window = statsWindow(name, now);
    const [minutes, histogram, open, paused] = await Promise.all([
      this.stats.minutes(tenantId, window.from, window.to),
      this.stats.latencyHistogram(tenantId, window.from, window.to),
      this.stats.countOpen(tenantId, QUEUE_DEPTH_CAP),
      this.stats.countPaused(tenantId),
    ]);
    const counts = new Array<number>(LATENCY_BUCKET_BOUNDS_MS.length + 1).fill(0);
    for (const { bucket, count } of histogram) if (bucket >= 0 && bucket < counts.length) counts[bucket] += count;
    const { series, totals, successRatio } = statsSeries(window, minutes);
    return {
      window: name, stepMs: window.stepMs, from: window.from, to: window.to, series, totals, successRatio,
      latencyMs: { p50: latencyPercentile(counts, 0.5), p99: latencyPercentile(counts, 0.99) },
      queueDepth: Math.min(open, QUEUE_DEPTH_CAP), queueDepthCapped: open > QUEUE_DEPTH_CAP, pausedSubscriptions: paused,
    };
  }
}
