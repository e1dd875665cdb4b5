import { useEffect, useState } from 'react';
import { consoleApi } from '../api/console-api';
import type { DeliveryFilter, ReplayJob } from '../api/console-api.types';
import { Badge } from '../components/badge';
import { DeliveryFilterForm } from '../components/delivery-filter-form';
import { useLocation } from '../components/router';
import { useSession } from '../components/session';
import { StatusLine } from '../components/status-line';
import { usePolling } from '../components/use-polling';
import { filterFromSearch, replayFilterOf, replayIdempotencyKey, searchFromFilter } from '../lib/delivery-query.util';
import { formatCount, formatTime } from '../lib/format.util';
import { isReplayActive, replayProgress } from '../lib/replay-progress.util';

const FAST_MS = 1_000;
const SLOW_MS = 10_000;

export function ReplaysPage() {
  const { canAct, expired } = useSession();
  const { search } = useLocation();
  const prefill = replayFilterOf(filterFromSearch(search));
  const [active, setActive] = useState(false);
  const jobs = usePolling(() => consoleApi.replays(20), [], active ? FAST_MS : SLOW_MS, expired);
  const anyActive = (jobs.data ?? []).some(isReplayActive);
  // Poll every second while a job runs, so its progress bar moves; slowly once all are done.
  useEffect(() => setActive(anyActive), [anyActive]);
  const [start, setStart] = useState<{ busy: boolean; error: string | null; job: ReplayJob | null }>({ busy: false, error: null, job: null });

  const startReplay = (filter: DeliveryFilter): void => {
    const body = replayFilterOf(filter);
    setStart({ busy: true, error: null, job: null });
    consoleApi.startReplay(body, replayIdempotencyKey(body, new Date())).then(
      (job) => {
        setStart({ busy: false, error: null, job });
        setActive(true);
        jobs.reload();
      },
      (error: unknown) => setStart({ busy: false, error: error instanceof Error ? error.message : String(error), job: null }),
    );
  };

  return (
    <section aria-labelledby="replays-title" data-testid="page-replays">
      <header className="page-header">
        <h1 id="replays-title">Bulk replays</h1>
      </header>
      {canAct && (
        <>
          <p className="muted">
            Every delivery matching the filter and created up to now is queued again, as a background job. Pressing twice while the job runs gives the same job.
          </p>
          <DeliveryFilterForm
            key={searchFromFilter(prefill)}
            initial={prefill}
            withId={false}
            submitLabel={start.busy ? 'Starting…' : 'Replay matching deliveries'}
            submitTestId="start-replay"
            disabled={start.busy}
            onSubmit={startReplay}
          />
          {start.job && (
            <p className="notice" role="status" data-testid="replay-started">
              Job <span className="mono">{start.job.id}</span> {start.job.status}.
            </p>
          )}
        </>
      )}
      <StatusLine error={start.error ?? jobs.error} loading={jobs.loading && !jobs.data} />
      <h2>Jobs</h2>
      {jobs.data && jobs.data.length === 0 && <p className="muted" data-testid="replay-jobs-empty">No bulk replay yet.</p>}
      <ul className="jobs" data-testid="replay-jobs">
        {(jobs.data ?? []).map((job) => {
          const progress = replayProgress(job);
          return (
            <li key={job.id} className="job" data-testid="replay-job" data-job-id={job.id} data-status={job.status}>
              <div className="job-head">
                <span className="mono">{job.id}</span>
                <Badge tone={job.status === 'completed' ? 'ok' : job.status === 'failed' ? 'bad' : 'warn'} testId="replay-status">
                  {job.status}
                </Badge>
              </div>
              <progress max={1} value={progress ?? undefined} aria-label={`Progress of job ${job.id}`} data-testid="replay-progress" />
              <div className="small">
                <span data-testid="replay-counts">
                  {formatCount(job.replayed)} of {formatCount(job.matched)} replayed
                </span>{' '}
                · filter <span className="mono">{searchFromFilter(job.filter).slice(1) || 'everything'}</span> · created {formatTime(job.created_at)}
                {job.finished_at && <> · finished {formatTime(job.finished_at)}</>}
              </div>
              {job.error && <p className="error">{job.error}</p>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
