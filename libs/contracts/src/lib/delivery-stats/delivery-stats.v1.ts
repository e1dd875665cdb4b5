import { IsIn } from 'class-validator';
import { TenantCommand } from '../tenancy/tenant-command';

/**
 * Hookrelay's delivery stats (`GET /hookrelay/v1/stats`, the console's Overview), served by the callbacks
 * service from the pre-aggregated stats tables. Wire format (ADR 0002): must not change without a new version.
 */
export const DELIVERY_STATS_SUBJECTS_V1 = {
  get: 'callbacks.delivery-stats.get.v1',
} as const;

export const DELIVERY_STATS_WINDOWS = ['1h', '24h'] as const;
export type DeliveryStatsWindow = (typeof DELIVERY_STATS_WINDOWS)[number];

export class GetDeliveryStatsCommand extends TenantCommand {
  @IsIn(DELIVERY_STATS_WINDOWS, { message: `window must be one of ${DELIVERY_STATS_WINDOWS.join(', ')}` }) window!: DeliveryStatsWindow;
}

/** One bucket of the series: what settled in it, by outcome. */
export interface DeliveryStatsPointView {
  /** ISO-8601 UTC start of the bucket. */
  t: string;
  delivered: number;
  retrying: number;
  failed: number;
  disabled: number;
}

export interface DeliveryStatsView {
  window: DeliveryStatsWindow;
  step_seconds: number;
  from: string;
  to: string;
  /** Every bucket of the window, oldest first, zeros included. */
  series: DeliveryStatsPointView[];
  totals: { delivered: number; retrying: number; failed: number; disabled: number };
  /** delivered / (delivered + retrying + failed) over the window; null when none. */
  success_ratio: number | null;
  latency_ms: { p50: number | null; p99: number | null };
  queue_depth: number;
  queue_depth_capped: boolean;
  paused_subscriptions: number;
}
