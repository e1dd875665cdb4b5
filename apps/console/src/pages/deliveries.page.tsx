import { useState } from 'react';
import { consoleApi } from '../api/console-api';
import { Badge, deliveryTone } from '../components/badge';
import { DeliveryFilterForm } from '../components/delivery-filter-form';
import { Link, navigate, useLocation } from '../components/router';
import { useSession } from '../components/session';
import { StatusLine } from '../components/status-line';
import { usePolling } from '../components/use-polling';
import { filterFromSearch, replayFilterOf, searchFromFilter } from '../lib/delivery-query.util';
import { formatTime } from '../lib/format.util';
import { consolePath, deliveryPath } from '../lib/route.util';

const PAGE_SIZE = 50;
const REFRESH_MS = 5_000;

export function DeliveriesPage() {
  const { canAct, expired } = useSession();
  const { search } = useLocation();
  const filter = filterFromSearch(search);
  const filterKey = searchFromFilter(filter);
  // Keyset paging: the cursors of the pages before this one, so "newer" can step back.
  const [cursors, setCursors] = useState<{ key: string; stack: (string | null)[] }>({ key: filterKey, stack: [null] });
  const stack = cursors.key === filterKey ? cursors.stack : [null];
  const before = stack[stack.length - 1] ?? null;
  const [autoRefresh, setAutoRefresh] = useState(true);
  const refreshing = autoRefresh && before === null;
  const page = usePolling(() => consoleApi.deliveries(filter, { limit: PAGE_SIZE, before }), [filterKey, before], refreshing ? REFRESH_MS : 0, expired);
  const rows = page.data?.data ?? [];
  const next = page.data?.next_before ?? null;
  const replayAll = consolePath(`/replays${searchFromFilter(replayFilterOf(filter))}`);

  return (
    <section aria-labelledby="deliveries-title" data-testid="page-deliveries">
      <header className="page-header">
        <h1 id="deliveries-title">Deliveries</h1>
        <label className="inline">
          <input type="checkbox" checked={autoRefresh} onChange={(e) => setAutoRefresh(e.target.checked)} data-testid="auto-refresh" />
          Auto-refresh
        </label>
      </header>
      <DeliveryFilterForm
        key={filterKey}
        initial={filter}
        withId
        submitLabel="Apply filter"
        submitTestId="apply-filter"
        onSubmit={(f) => navigate(consolePath(`/deliveries${searchFromFilter(f)}`))}
      />
      <div className="toolbar">
        {filterKey && (
          <Link to={consolePath('/deliveries')} data-testid="clear-filter">
            Clear filter
          </Link>
        )}
        {canAct && (
          <Link to={replayAll} className="button-link" data-testid="replay-all-matching">
            Replay all matching…
          </Link>
        )}
      </div>
      <StatusLine error={page.error} loading={page.loading && !page.data} />
      <div className="table-wrap">
        <table className="stack" data-testid="deliveries-table">
          <caption className="visually-hidden">Deliveries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Created (UTC)</th>
              <th scope="col">Delivery</th>
              <th scope="col">Source / subscription</th>
              <th scope="col">State</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last answer</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.id} data-testid="delivery-row" data-delivery-id={d.id}>
                <td data-label="Created" className="nowrap">{formatTime(d.created_at)}</td>
                <td data-label="Delivery">
                  <Link to={deliveryPath(d.id)} className="mono" data-testid="delivery-link">
                    {d.id}
                  </Link>
                  {d.event && <div className="muted small">{d.event}</div>}
                </td>
                <td data-label="Source">
                  <div>{d.source}</div>
                  <div className="mono small">{d.subscription_id}</div>
                </td>
                <td data-label="State">
                  <Badge tone={deliveryTone(d.state, d.close_reason)} testId="delivery-state">
                    {d.state === 'CLOSED' ? (d.close_reason ?? 'CLOSED') : `${d.state} · ${d.application_state}`}
                  </Badge>
                </td>
                <td data-label="Attempts">{d.attempts}</td>
                <td data-label="Last answer" className="small">{d.last_status_code !== null ? `HTTP ${d.last_status_code}` : (d.last_error ?? '—')}</td>
              </tr>
            ))}
            {page.data && rows.length === 0 && (
              <tr>
                <td colSpan={6} className="muted" data-testid="deliveries-empty">
                  No delivery matches.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label="Pages">
        <button type="button" disabled={stack.length <= 1} onClick={() => setCursors({ key: filterKey, stack: stack.slice(0, -1) })} data-testid="newer">
          ← Newer
        </button>
        <button type="button" disabled={!next} onClick={() => setCursors({ key: filterKey, stack: [...stack, next] })} data-testid="older">
          Older →
        </button>
      </nav>
    </section>
  );
}
