/** The Overview's windows: 1 h in 60 one-minute buckets, 24 h in 144 ten-minute buckets. */
export const STATS_WINDOWS = { '1h': { stepMs: 60_000, buckets: 60 }, '24h': { stepMs: 600_000, buckets: 144 } } as const;
export type StatsWindowName = keyof typeof STATS_WINDOWS;

export interface StatsWindow {
  name: StatsWindowName;
  stepMs: number;
  /** The first bucket's start (epoch ms, inclusive). */
  from: number;
  /** The end of the last bucket (exclusive): the end of the step `now` falls in, so the current step is the last bucket. */
  to: number;
  buckets: number;
}

/** The window ending with the step that holds `now`, aligned to whole steps (epoch-based). */
export function statsWindow(name: StatsWindowName, now: number): StatsWindow {
  const { stepMs, buckets } = STATS_WINDOWS[name];
  const to = now - (now % stepMs) + stepMs;
  return { name, stepMs, from: to - buckets * stepMs, to, buckets };
}
