import { useState } from 'react';
import { consoleApi } from '../api/console-api';
import type { DeliveryAttempt } from '../api/console-api.types';
import { Badge, deliveryTone } from '../components/badge';
import { Link } from '../components/router';
import { useSession } from '../components/session';
import { StatusLine } from '../components/status-line';
import { usePolling } from '../components/use-polling';
import { describeAttempt, formatDuration, formatTime, isSuccessStatus, prettyPayload } from '../lib/format.util';
import { consolePath } from '../lib/route.util';

const REFRESH_MS = 3_000;

export function DeliveryDetailPage({ id }: { id: string }) {
  const { canAct, expired } = useSession();
  const delivery = usePolling(() => consoleApi.delivery(id), [id], REFRESH_MS, expired);
  const [replay, setReplay] = useState<{ busy: boolean; message: string | null; error: string | null }>({ busy: false, message: null, error: null });
  const d = delivery.data;
  const attempts: DeliveryAttempt[] = d && Array.isArray(d.attempts) ? [...d.attempts].sort((a, b) => b.number - a.number) : [];

  const replayNow = (): void => {
    setReplay({ busy: true, message: null, error: null });
    consoleApi.replayDelivery(id).then(
      () => {
        setReplay({ busy: false, message: 'Queued for delivery again; the new attempt appears below.', error: null });
        delivery.reload();
      },
      (error: unknown) => setReplay({ busy: false, message: null, error: error instanceof Error ? error.message : String(error) }),
    );
  };

  return (
    <section aria-labelledby="delivery-title" data-testid="page-delivery">
      <p>
        <Link to={consolePath('/deliveries')}>← Deliveries</Link>
      </p>
      <header className="page-header">
        <h1 id="delivery-title">
          Delivery <span className="mono" data-testid="delivery-id">{id}</span>
        </h1>
        {canAct && d && (
          <button type="button" onClick={replayNow} disabled={replay.busy} data-testid="replay-button">
            {replay.busy ? 'Replaying…' : 'Replay'}
          </button>
        )}
      </header>
      {replay.message && (
        <p className="notice" role="status" data-testid="replay-result">
          {replay.message}
        </p>
      )}
      <StatusLine error={replay.error ?? delivery.error} loading={delivery.loading && !d} />
      {d && (
        <>
          <dl className="facts">
            <dt>State</dt>
            <dd>
              <Badge tone={deliveryTone(d.state, d.close_reason)} testId="detail-state">
                {d.state === 'CLOSED' ? (d.close_reason ?? 'CLOSED') : `${d.state} · ${d.application_state}`}
              </Badge>
            </dd>
            <dt>Source</dt>
            <dd>{d.source}</dd>
            <dt>Subscription</dt>
            <dd className="mono">{d.subscription_id}</dd>
            <dt>URL</dt>
            <dd className="mono break">{d.url ?? '—'}</dd>
            <dt>Event</dt>
            <dd>{d.event ?? '—'}</dd>
            <dt>Created</dt>
            <dd>{formatTime(d.created_at)}</dd>
            <dt>Closed</dt>
            <dd>{formatTime(d.closed_at)}</dd>
            <dt>Next attempt</dt>
            <dd>{formatTime(d.next_attempt_at)}</dd>
          </dl>

          <h2>Attempts</h2>
          {attempts.length === 0 ? (
            <p className="muted">No attempt yet.</p>
          ) : (
            <ol className="timeline" data-testid="attempts" reversed>
              {attempts.map((a) => (
                <li key={a.number} className={isSuccessStatus(a.status_code) ? 'ok' : 'bad'} data-testid="attempt">
                  <div className="timeline-head">
                    <strong>#{a.number}</strong> <span>{formatTime(a.attempted_at)}</span> <span className="muted">{formatDuration(a.duration_ms)}</span>{' '}
                    <Badge tone={isSuccessStatus(a.status_code) ? 'ok' : 'bad'}>{describeAttempt(a)}</Badge>
                  </div>
                  {a.response_snippet && <pre className="snippet">{a.response_snippet}</pre>}
                </li>
              ))}
            </ol>
          )}

          <h2>Payload</h2>
          <pre className="payload" data-testid="payload" tabIndex={0}>
            {prettyPayload(d.payload)}
          </pre>

          <h2>Headers sent</h2>
          <div className="table-wrap">
            <table data-testid="headers-table">
              <thead>
                <tr>
                  <th scope="col">Header</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(d.headers ?? {}).map(([name, value]) => (
                  <tr key={name}>
                    <td className="mono">{name}</td>
                    <td className="mono break">{value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
