import { useState } from 'react';
import { consoleApi } from '../api/console-api';
import { SOURCES, type Subscription } from '../api/console-api.types';
import { Badge } from '../components/badge';
import { navigate, useLocation } from '../components/router';
import { useSession } from '../components/session';
import { StatusLine } from '../components/status-line';
import { usePolling } from '../components/use-polling';
import { formatTime } from '../lib/format.util';
import { groupSubscriptions } from '../lib/subscription-groups.util';
import { consolePath } from '../lib/route.util';

const REFRESH_MS = 15_000;
/** The API's largest page: one page per view keeps the pause switches in step with what is shown. */
const LIMIT = 500;

export function SubscriptionsPage() {
  const { canAct, expired } = useSession();
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const pausedParam = params.get('paused');
  const paused = pausedParam === 'true' ? true : pausedParam === 'false' ? false : undefined;
  const sourceParam = params.get('source');
  const source = SOURCES.find((s) => s === sourceParam);
  const list = usePolling(() => consoleApi.subscriptions({ source, paused, limit: LIMIT }), [source, paused], REFRESH_MS, expired);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ for: string; value: string } | null>(null);

  const keyOf = (s: Subscription): string => `${s.source}/${s.subscription_id}`;
  const act = (s: Subscription, action: () => Promise<unknown>): void => {
    setBusy(keyOf(s));
    setActionError(null);
    action().then(
      () => {
        setBusy(null);
        list.reload();
      },
      (error: unknown) => {
        setBusy(null);
        setActionError(error instanceof Error ? error.message : String(error));
      },
    );
  };
  const rotate = (s: Subscription): void => {
    if (!window.confirm(`Rotate the signing secret of ${s.label ?? s.subscription_id}? The old secret stays valid for 24 hours.`)) return;
    act(s, () => consoleApi.rotateSecret(s.source, s.subscription_id).then((r) => setSecret({ for: keyOf(s), value: r.signing_secret })));
  };
  const setQuery = (name: string, value: string): void => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    const text = next.toString();
    navigate(consolePath(`/subscriptions${text ? `?${text}` : ''}`), { replace: true });
  };
  const groups = groupSubscriptions(list.data?.data ?? []);

  return (
    <section aria-labelledby="subscriptions-title" data-testid="page-subscriptions">
      <header className="page-header">
        <h1 id="subscriptions-title">Subscriptions</h1>
        <div className="filters compact">
          <label className="field">
            <span>Source</span>
            <select value={source ?? ''} onChange={(e) => setQuery('source', e.target.value)} data-testid="subscriptions-source">
              <option value="">any</option>
              {SOURCES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Paused</span>
            <select value={pausedParam ?? ''} onChange={(e) => setQuery('paused', e.target.value)} data-testid="subscriptions-paused">
              <option value="">any</option>
              <option value="true">paused</option>
              <option value="false">active</option>
            </select>
          </label>
        </div>
      </header>
      {secret && (
        <div className="notice" role="status" data-testid="new-secret">
          <p>
            New signing secret for <span className="mono">{secret.for}</span>. It is shown only now: copy it to the receiver.
          </p>
          <pre className="mono break" data-testid="new-secret-value" tabIndex={0}>
            {secret.value}
          </pre>
          <button type="button" onClick={() => setSecret(null)}>
            Done
          </button>
        </div>
      )}
      <StatusLine error={actionError ?? list.error} loading={list.loading && !list.data} />
      {list.data && groups.length === 0 && <p className="muted">No subscription.</p>}
      {list.data?.next_after && (
        <p className="notice" data-testid="subscriptions-truncated">
          Showing the first {LIMIT} subscriptions: choose a source or the paused ones to see the rest.
        </p>
      )}
      {groups.map((g) => (
        <section key={g.source} aria-labelledby={`group-${g.source}`} className="group" data-testid={`subscriptions-${g.source}`}>
          <h2 id={`group-${g.source}`}>{g.title}</h2>
          <div className="table-wrap">
            <table className="stack">
              <thead>
                <tr>
                  <th scope="col">Subscription</th>
                  <th scope="col">URL</th>
                  <th scope="col">Policy</th>
                  <th scope="col">Health</th>
                  {canAct && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {g.items.map((s) => (
                  <tr key={keyOf(s)} data-testid="subscription-row" data-subscription={keyOf(s)}>
                    <td data-label="Subscription">
                      <div>{s.label ?? s.subscription_id}</div>
                      {s.group && s.group !== s.subscription_id && <div className="muted small mono">{s.group}</div>}
                      <div className="muted small mono">{s.subscription_id}</div>
                    </td>
                    <td data-label="URL" className="mono break small">{s.url ?? '—'}</td>
                    <td data-label="Policy" className="small">{describePolicy(s.policy)}</td>
                    <td data-label="Health" className="small">
                      <Badge tone={s.paused ? 'bad' : 'ok'} testId="subscription-status">
                        {s.paused ? 'paused' : 'active'}
                      </Badge>
                      <div>last success {formatTime(s.last_success_at)}</div>
                      <div>last failure {formatTime(s.last_failure_at)}</div>
                      {s.last_error && <div className="muted">{s.last_error}</div>}
                    </td>
                    {canAct && (
                      <td data-label="Actions">
                        <div className="actions">
                          <label className="switch">
                            <input
                              type="checkbox"
                              role="switch"
                              checked={!s.paused}
                              disabled={busy === keyOf(s)}
                              onChange={() => act(s, () => (s.paused ? consoleApi.resume(s.source, s.subscription_id) : consoleApi.pause(s.source, s.subscription_id)))}
                              data-testid="pause-switch"
                              aria-label={`${s.paused ? 'Resume' : 'Pause'} ${s.label ?? s.subscription_id}`}
                            />
                            <span>{s.paused ? 'Paused' : 'Active'}</span>
                          </label>
                          <button type="button" onClick={() => rotate(s)} disabled={busy === keyOf(s)} data-testid="rotate-secret">
                            Rotate secret
                          </button>
                        </div>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </section>
  );
}

/** A line about the retry policy: the fields most people look for, the rest on hover of the JSON. */
function describePolicy(policy: Subscription['policy']): string {
  if (!policy) return 'default';
  return Object.entries(policy)
    .filter(([, v]) => v !== null && typeof v !== 'object')
    .slice(0, 4)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ') || 'custom';
}

