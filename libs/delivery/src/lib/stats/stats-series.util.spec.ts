import { statsSeries } from './stats-series.util';
import { statsWindow } from './stats-window.util';

const NOW = Date.UTC(2026, 10, 30, 1, 30, 42, 123);
const row = (minute: number, delivered = 0, retrying = 0, failed = 0, disabled = 0) => ({ minute, delivered, retrying, failed, disabled });

describe('statsWindow', () => {
  it.each([
    ['1h', 60_000, 60, Date.UTC(2026, 10, 30, 1, 31), Date.UTC(2026, 10, 30, 0, 31)],
    ['24h', 600_000, 144, Date.UTC(2026, 10, 30, 1, 40), Date.UTC(2026, 10, 29, 1, 40)],
  ] as const)('%s: step %i ms, %i buckets, ends with the step holding now', (name, stepMs, buckets, to, from) => {
    expect(statsWindow(name, NOW)).toEqual({ name, stepMs, buckets, to, from });
  });

  it('a time exactly on a step boundary starts a new last bucket', () => {
    const at = Date.UTC(2026, 10, 30, 1, 30);
    expect(statsWindow('1h', at).to).toBe(at + 60_000);
  });
});

describe('statsSeries', () => {
  const hour = statsWindow('1h', NOW);
  const day = statsWindow('24h', NOW);

  it.each<[string, ReturnType<typeof statsWindow>, ReturnType<typeof row>[], { at: number; point: object }[], object, number | null]>([
    ['no rows: every bucket present with zeros, ratio null', hour, [], [{ at: 0, point: { t: hour.from, delivered: 0 } }, { at: 59, point: { t: hour.to - 60_000, delivered: 0 } }],
      { delivered: 0, retrying: 0, failed: 0, disabled: 0 }, null],
    ['1h: one minute per bucket; the current minute is the last bucket', hour, [row(hour.from, 3), row(hour.to - 60_000, 1, 1, 0, 2)],
      [{ at: 0, point: { delivered: 3 } }, { at: 59, point: { delivered: 1, retrying: 1, disabled: 2 } }], { delivered: 4, retrying: 1, failed: 0, disabled: 2 }, 0.8],
    ['24h: ten minutes summed into one bucket', day, [row(day.from, 1), row(day.from + 540_000, 1, 0, 2), row(day.from + 600_000, 5)],
      [{ at: 0, point: { delivered: 2, failed: 2 } }, { at: 1, point: { delivered: 5 } }], { delivered: 7, retrying: 0, failed: 2, disabled: 0 }, 7 / 9],
    ['rows outside the window are ignored', hour, [row(hour.from - 60_000, 9), row(hour.to, 9), row(hour.from + 60_000, 0, 0, 0, 4)],
      [{ at: 1, point: { disabled: 4 } }], { delivered: 0, retrying: 0, failed: 0, disabled: 4 }, null],
  ])('%s', (_what, window, rows, points, totals, ratio) => {
    const result = statsSeries(window, rows);
    expect(result.series).toHaveLength(window.buckets);
    expect(result.series.map((p) => p.t)).toEqual(Array.from({ length: window.buckets }, (_, i) => window.from + i * window.stepMs));
    for (const { at, point } of points) expect(result.series[at]).toMatchObject(point);
    expect(result.totals).toEqual(totals);
    if (ratio === null) expect(result.successRatio).toBeNull();
    else expect(result.successRatio).toBeCloseTo(ratio, 10);
  });
});
