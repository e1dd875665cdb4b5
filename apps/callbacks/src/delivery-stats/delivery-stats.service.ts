import { Injectable } from '@nestjs/common';
import { DeliveryStatsView, GetDeliveryStatsCommand } from '@hookrelay/contracts';
import { DeliveryStats, DeliveryStatsOverview } from '@hookrelay/delivery';

const iso = (ms: number): string => new Date(ms).toISOString();

/** The console's Overview numbers over the pre-aggregated delivery stats (libs/delivery DeliveryStats). */
@Injectable()
export class DeliveryStatsService {
  constructor(private readonly stats: DeliveryStats) {}

  async get({ tenantId, window }: GetDeliveryStatsCommand): Promise<DeliveryStatsView> {
    return this.map(await this.stats.overview(tenantId, window));
  }

  private map(o: DeliveryStatsOverview): DeliveryStatsView {
    return {
      window: o.window, step_seconds: o.stepMs / 1000, from: iso(o.from), to: iso(o.to),
      series: o.series.map((p) => ({ t: iso(p.t), delivered: p.delivered, retrying: p.retrying, failed: p.failed, disabled: p.disabled })),
      totals: { ...o.totals }, success_ratio: o.successRatio, latency_ms: { ...o.latencyMs },
      queue_depth: o.queueDepth, queue_depth_capped: o.queueDepthCapped, paused_subscriptions: o.pausedSubscriptions,
    };
  }
}
