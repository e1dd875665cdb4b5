import type { StatsBucket } from '../api/console-api.types';
import { labelIndexes, layoutStackedBars, niceCeiling } from './chart-scale.util';

const bucket = (t: string, delivered: number, retrying = 0, failed = 0, disabled = 0): StatsBucket => ({ t, delivered, retrying, failed, disabled });

describe('niceCeiling', () => {
  it.each([
    [0, 1],
    [-5, 1],
    [1, 1],
    [1.5, 2],
    [3, 5],
    [7, 10],
    [10, 10],
    [11, 20],
    [120, 200],
    [501, 1000],
    [Number.POSITIVE_INFINITY, 1],
  ])('niceCeiling(%s) = %s', (max, expected) => {
    expect(niceCeiling(max)).toBe(expected);
  });
});

describe('layoutStackedBars', () => {
  it('stacks outcomes bottom-up in a fixed order, scaled to the nice top, one slot per bucket', () => {
    const { top, bars } = layoutStackedBars([bucket('t0', 6, 2, 1, 1), bucket('t1', 0)], 200, 100);
    expect(top).toBe(10);
    expect(bars).toHaveLength(2);
    const [first, second] = bars;
    expect(first?.total).toBe(10);
    expect(first?.segments.map((s) => [s.outcome, s.y, s.height])).toEqual([
      ['delivered', 40, 60],
      ['retrying', 20, 20],
      ['failed', 10, 10],
      ['disabled', 0, 10],
    ]);
    expect(first?.segments[0]).toMatchObject({ x: 0.5, width: 99 });
    expect(second).toEqual({ t: 't1', total: 0, segments: [] });
  });

  it('leaves no gap when bars are narrower than 3 units', () => {
    const series = Array.from({ length: 300 }, (_, i) => bucket(`t${i}`, 1));
    const { bars } = layoutStackedBars(series, 600, 100);
    expect(bars[1]?.segments[0]).toMatchObject({ x: 2, width: 2 });
  });

  it('draws nothing for an empty series and keeps an axis of 1', () => {
    expect(layoutStackedBars([], 600, 200)).toEqual({ top: 1, bars: [] });
  });
});

describe('labelIndexes', () => {
  it.each([
    [0, 6, []],
    [4, 6, [0, 1, 2, 3]],
    [60, 6, [9, 19, 29, 39, 49, 59]],
    [144, 6, [23, 47, 71, 95, 119, 143]],
  ])('labelIndexes(%s, %s)', (count, wanted, expected) => {
    expect(labelIndexes(count, wanted)).toEqual(expected);
  });
});
