import { ReplayJobView } from '@hookrelay/contracts';
import { ReplayJobEntity } from '@hookrelay/persistence';
import { toReplayFilterView } from './replay-job-filter.mapper';

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

export function toReplayJobView(job: ReplayJobEntity): ReplayJobView {
  return {
    id: job.id,
    status: job.status,
    filter: toReplayFilterView(JSON.parse(job.filter) as Record<string, string | number>, job.createdTo),
    matched: job.matched,
    replayed: job.replayed,
    created_at: job.createdAt.toISOString(),
    started_at: iso(job.startedAt),
    finished_at: iso(job.finishedAt),
    error: job.error,
  };
}
