import { OUTCOMES, type StatsBucket } from '../api/console-api.types';
import { labelIndexes, layoutStackedBars } from '../lib/chart-scale.util';
import { formatClock, formatCount } from '../lib/format.util';

const WIDTH = 600;
const HEIGHT = 200;

interface StatsChartProps {
  series: readonly StatsBucket[];
  stepSeconds: number;
}

/** Deliveries per bucket as stacked bars by outcome: plain SVG, no chart library (bundle budget, strict CSP). */
export function StatsChart({ series, stepSeconds }: StatsChartProps) {
  const { top, bars } = layoutStackedBars(series, WIDTH, HEIGHT);
  const labels = labelIndexes(series.length, 6);
  const total = bars.reduce((sum, b) => sum + b.total, 0);
  const per = stepSeconds >= 600 ? `${stepSeconds / 60} minutes` : 'minute';
  return (
    <figure className="chart" data-testid="stats-chart">
      <div className="chart-axis" aria-hidden="true">
        <span>{formatCount(top)}</span>
        <span>0</span>
      </div>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Deliveries per ${per} by outcome: ${formatCount(total)} in the window`}
      >
        <line className="chart-grid" x1="0" x2={WIDTH} y1={HEIGHT / 2} y2={HEIGHT / 2} />
        {bars.map((bar) =>
          bar.segments.map((s) => (
            <rect key={`${bar.t}-${s.outcome}`} className={`bar-${s.outcome}`} x={s.x} y={s.y} width={s.width} height={s.height} data-testid="chart-bar">
              <title>{`${formatClock(bar.t)} ${s.outcome}: ${s.count}`}</title>
            </rect>
          )),
        )}
      </svg>
      <div className="chart-labels" aria-hidden="true">
        {labels.map((i) => (
          <span key={i}>{series[i] ? formatClock(series[i].t) : ''}</span>
        ))}
      </div>
      <figcaption className="legend">
        {OUTCOMES.map((o) => (
          <span key={o} className="legend-item">
            <span className={`swatch bar-${o}`} aria-hidden="true" />
            {o}
          </span>
        ))}
        <span className="muted">per {per}, UTC</span>
      </figcaption>
    </figure>
  );
}
