import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error';
import { consoleApi } from '../api/console-api';
import { OPERATIONAL_EVENT_TYPES, type OperationalEventType, type OperationalWebhook } from '../api/console-api.types';
import { Link } from '../components/router';
import { useSession } from '../components/session';
import { StatusLine } from '../components/status-line';
import { usePolling } from '../components/use-polling';
import { formatTime } from '../lib/format.util';
import { deliveryPath } from '../lib/route.util';

const REFRESH_MS = 10_000;

/** GET /operational-webhook answers 404 when none is registered: that is "none", not an error. */
const loadWebhook = (): Promise<OperationalWebhook | null> =>
  consoleApi.operationalWebhook().catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  });

export function EventsPage() {
  const { canAct, expired } = useSession();
  const webhook = usePolling(loadWebhook, [], 0, expired);
  // Keyset paging like the delivery log: the cursors of the pages before this one; auto-refresh on the newest only.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const before = cursors[cursors.length - 1] ?? null;
  const events = usePolling(() => consoleApi.operationalEvents(before), [before], before === null ? REFRESH_MS : 0, expired);
  const next = events.data?.next_before ?? null;

  return (
    <section aria-labelledby="events-title" data-testid="page-events">
      <header className="page-header">
        <h1 id="events-title">Operational events</h1>
      </header>
      <h2>Operational webhook</h2>
      <StatusLine error={webhook.error} loading={webhook.loading && webhook.data === undefined} />
      {webhook.data !== undefined && <WebhookForm key={webhook.data?.updated_at ?? 'none'} current={webhook.data} canAct={canAct} onSaved={webhook.reload} />}
      <h2>Events</h2>
      <StatusLine error={events.error} loading={events.loading && !events.data} testId="events-error" />
      {events.data && events.data.data.length === 0 && <p className="muted">No operational event yet.</p>}
      <div className="table-wrap">
        <table className="stack" data-testid="events-table">
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Type</th>
              <th scope="col">Subscription</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {(events.data?.data ?? []).map((e) => (
              <tr key={e.id} data-testid="event-row">
                <td data-label="When" className="nowrap">{formatTime(e.occurred_at)}</td>
                <td data-label="Type">{e.type}</td>
                <td data-label="Subscription" className="mono small">
                  {e.data.source}/{e.data.subscription_id}
                </td>
                <td data-label="Details" className="small">
                  {e.data.reason ?? ''}
                  {e.data.delivery_id && (
                    <>
                      {' '}
                      <Link to={deliveryPath(e.data.delivery_id)}>delivery</Link>
                    </>
                  )}
                  {e.delivery_id && (
                    <>
                      {' '}
                      <Link to={deliveryPath(e.delivery_id)}>sent to the webhook</Link>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label="Event pages">
        <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))} data-testid="events-newer">
          ← Newer
        </button>
        <button type="button" disabled={!next} onClick={() => setCursors([...cursors, next])} data-testid="events-older">
          Older →
        </button>
      </nav>
    </section>
  );
}

interface WebhookFormProps {
  current: OperationalWebhook | null;
  canAct: boolean;
  onSaved: () => void;
}

function WebhookForm({ current, canAct, onSaved }: WebhookFormProps) {
  const [url, setUrl] = useState(current?.url ?? '');
  const [types, setTypes] = useState<OperationalEventType[]>(current?.events ?? [...OPERATIONAL_EVENT_TYPES]);
  const [state, setState] = useState<{ busy: boolean; error: string | null; secret: string | null }>({ busy: false, error: null, secret: null });
  const toggle = (type: OperationalEventType, on: boolean): void => setTypes((list) => (on ? [...list, type] : list.filter((t) => t !== type)));
  const save = (event: FormEvent): void => {
    event.preventDefault();
    setState({ busy: true, error: null, secret: null });
    consoleApi.saveOperationalWebhook(url.trim(), OPERATIONAL_EVENT_TYPES.filter((t) => types.includes(t))).then(
      (saved) => {
        setState({ busy: false, error: null, secret: saved.signing_secret ?? null });
        if (!saved.signing_secret) onSaved();
      },
      (error: unknown) => setState({ busy: false, error: error instanceof Error ? error.message : String(error), secret: null }),
    );
  };
  const remove = (): void => {
    if (!window.confirm('Remove the operational webhook? Events are still listed here, but no longer sent.')) return;
    setState({ busy: true, error: null, secret: null });
    consoleApi.deleteOperationalWebhook().then(
      () => {
        setState({ busy: false, error: null, secret: null });
        onSaved();
      },
      (error: unknown) => setState({ busy: false, error: error instanceof Error ? error.message : String(error), secret: null }),
    );
  };
  return (
    <form className="webhook-form" onSubmit={save} data-testid="webhook-form">
      <label className="field wide">
        <span>URL</span>
        <input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} readOnly={!canAct} data-testid="webhook-url" spellCheck={false} />
      </label>
      <fieldset className="checks">
        <legend>Events</legend>
        {OPERATIONAL_EVENT_TYPES.map((type) => (
          <label key={type} className="inline">
            <input type="checkbox" checked={types.includes(type)} disabled={!canAct} onChange={(e) => toggle(type, e.target.checked)} />
            {type}
          </label>
        ))}
      </fieldset>
      {current && <p className="muted small">Registered {formatTime(current.created_at)}, changed {formatTime(current.updated_at)}.</p>}
      {canAct && (
        <div className="form-actions">
          <button type="submit" disabled={state.busy || types.length === 0} data-testid="webhook-save">
            {current ? 'Save' : 'Register'}
          </button>
          {current && (
            <button type="button" className="secondary" disabled={state.busy} onClick={remove} data-testid="webhook-delete">
              Remove
            </button>
          )}
        </div>
      )}
      {state.secret && (
        <div className="notice" role="status" data-testid="webhook-secret">
          <p>Signing secret of the operational webhook, shown only now:</p>
          <pre className="mono break" tabIndex={0}>
            {state.secret}
          </pre>
          <button type="button" onClick={onSaved}>
            Done
          </button>
        </div>
      )}
      <StatusLine error={state.error} testId="webhook-error" />
    </form>
  );
}
