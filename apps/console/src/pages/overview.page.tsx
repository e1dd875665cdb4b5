import { useState } from 'react';
import { consoleApi } from '../api/console-api';
import type { StatsWindow } from '../api/console-api.types';
import { StatsChart } from '../components/stats-chart';
import { StatusLine } from '../components/status-line';
import { useSession } from '../components/session';
import { usePolling } from '../components/use-polling';
import { Link } from '../components/router';
import { formatCount, formatDuration, formatRatio, formatTime } from '../lib/format.util';
import { consolePath } from '../lib/route.util';

const REFRESH_MS = 10_000;

export function OverviewPage() {
  const { expired } = useSession();
  const [window, setWindow] = useState<StatsWindow>('1h');
  const stats = usePolling(() => consoleApi.stats(window), [window], REFRESH_MS, expired);
  const s = stats.data;
  return (
    <section aria-labelledby="overview-title" data-testid="page-overview">
      <header className="page-header">
        <h1 id="overview-title">Overview</h1>
        <fieldset className="segmented">
          <legend className="visually-hidden">Window</legend>
          {(['1h', '24h'] as const).map((w) => (
            <label key={w}>
              <input type="radio" name="window" value={w} checked={window === w} onChange={() => setWindow(w)} data-testid={`window-${w}`} />
              {w === '1h' ? 'Last hour' : 'Last day'}
            </label>
          ))}
        </fieldset>
      </header>
      <StatusLine error={stats.error} loading={stats.loading && !s} />
      {s && (
        <>
          <dl className="tiles">
            <div className="tile">
              <dt>Success ratio</dt>
              <dd data-testid="success-ratio">{formatRatio(s.success_ratio)}</dd>
            </div>
            <div className="tile">
              <dt>Latency p50 / p99</dt>
              <dd data-testid="latency">
                {formatDuration(s.latency_ms.p50)} / {formatDuration(s.latency_ms.p99)}
              </dd>
            </div>
            <div className="tile">
              <dt>Queue depth</dt>
              <dd data-testid="queue-depth">{formatCount(s.queue_depth, s.queue_depth_capped)}</dd>
            </div>
            <div className="tile">
              <dt>Paused subscriptions</dt>
              <dd data-testid="paused-count">
                <Link to={consolePath('/subscriptions?paused=true')}>{formatCount(s.paused_subscriptions)}</Link>
              </dd>
            </div>
          </dl>
          <StatsChart series={s.series} stepSeconds={s.step_seconds} />
          <p className="muted">
            {formatCount(s.totals.delivered)} delivered, {formatCount(s.totals.retrying)} retrying, {formatCount(s.totals.failed)} failed,{' '}
            {formatCount(s.totals.disabled)} disabled from {formatTime(s.from)} to {formatTime(s.to)} UTC; refreshed every {REFRESH_MS / 1000} s.
          </p>
        </>
      )}
    </section>
  );
}
