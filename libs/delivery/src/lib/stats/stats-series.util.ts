import type { DeliveryStatsOutcome } from '../core/ports/delivery-stats.port';
import type { StatsWindow } from './stats-window.util';

export type OutcomeCounts = Record<DeliveryStatsOutcome, number>;

export interface StatsPoint extends OutcomeCounts {
  /** The bucket's start (epoch ms). */
  t: number;
}

export interface StatsSeries {
  /** Every bucket of the window, oldest first, zeros included. */
  series: StatsPoint[];
  totals: OutcomeCounts;
  /** delivered / (delivered + retrying + failed); null when there was none of them. */
  successRatio: number | null;
}

/** Sums stored minute rows into the window's buckets (rows outside the window are ignored). */
export function statsSeries(window: StatsWindow, minutes: ReadonlyArray<OutcomeCounts & { minute: number }>): StatsSeries {
  const series: StatsPoint[] = Array.from({ length: window.buckets }, (_, i) => ({ t: window.from + i * window.stepMs, delivered: 0, retrying: 0, failed: 0, disabled: 0 }));
  const totals: OutcomeCounts = { delivered: 0, retrying: 0, failed: 0, disabled: 0 };
  for (const row of minutes) {
    if (row.minute < window.from || row.minute >= window.to) continue;
    const point = series[Math.floor((row.minute - window.from) / window.stepMs)]!;
    for (const outcome of ['delivered', 'retrying', 'failed', 'disabled'] as const) {
      point[outcome] += row[outcome];
      totals[outcome] += row[outcome];
    }
  }
  const judged = totals.delivered + totals.retrying + totals.failed;
  return { series, totals, successRatio: judged === 0 ? null : totals.delivered / judged };
}
