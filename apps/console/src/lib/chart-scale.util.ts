import { OUTCOMES, type Outcome, type StatsBucket } from '../api/console-api.types';

/** The smallest "nice" axis top (1, 2, 5 × 10^n) at or above `max`; at least 1, so an empty chart has an axis. */
export function niceCeiling(max: number): number {
  if (!Number.isFinite(max) || max <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) {
    if (step * magnitude >= max) return step * magnitude;
  }
  return 10 * magnitude;
}

export interface BarSegment {
  outcome: Outcome;
  count: number;
  /** SVG coordinates in the chart's viewBox (y grows downwards). */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface StackedBar {
  t: string;
  total: number;
  segments: BarSegment[];
}

export interface ChartLayout {
  top: number;
  bars: StackedBar[];
}

/**
 * Stacked bars for the series in a `width` × `height` viewBox: one bar per bucket (a 1-unit gap when there is
 * room), outcomes stacked bottom-up in OUTCOMES order, heights scaled to a nice axis top. Zero counts get no
 * segment, so every drawn rectangle stands for at least one delivery.
 */
export function layoutStackedBars(series: readonly StatsBucket[], width: number, height: number): ChartLayout {
  const totals = series.map((b) => OUTCOMES.reduce((sum, o) => sum + b[o], 0));
  const top = niceCeiling(Math.max(0, ...totals));
  const slot = series.length > 0 ? width / series.length : width;
  const gap = slot >= 3 ? 1 : 0;
  const bars = series.map((bucket, i) => {
    let y = height;
    const segments: BarSegment[] = [];
    for (const outcome of OUTCOMES) {
      const count = bucket[outcome];
      if (count <= 0) continue;
      const h = (count / top) * height;
      y -= h;
      segments.push({ outcome, count, x: i * slot + gap / 2, y, width: slot - gap, height: h });
    }
    return { t: bucket.t, total: totals[i] ?? 0, segments };
  });
  return { top, bars };
}

/** Indexes of the buckets that get a time label: about `wanted` of them, evenly spaced, the last one included. */
export function labelIndexes(count: number, wanted: number): number[] {
  if (count <= 0) return [];
  if (count <= wanted) return Array.from({ length: count }, (_, i) => i);
  const every = Math.ceil(count / wanted);
  const picked: number[] = [];
  for (let i = count - 1; i >= 0; i -= every) picked.unshift(i);
  return picked;
}
