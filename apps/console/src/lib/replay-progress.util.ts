import type { ReplayJob } from '../api/console-api.types';

/** A job's progress as 0..1 (null while nothing is matched yet, so the bar shows "in progress" without a value). */
export function replayProgress(job: Pick<ReplayJob, 'status' | 'matched' | 'replayed'>): number | null {
  if (job.status === 'completed') return 1;
  if (job.matched <= 0) return job.status === 'failed' ? 0 : null;
  return Math.min(1, job.replayed / job.matched);
}

/** true while a job may still change (the list polls fast until every job is done). */
export function isReplayActive(job: Pick<ReplayJob, 'status'>): boolean {
  return job.status === 'queued' || job.status === 'running';
}
