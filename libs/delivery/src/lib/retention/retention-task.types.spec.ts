import { singleTableRetentionTask } from './retention-task.types';

describe('singleTableRetentionTask', () => {
  it('passes the bounds through and counts what went against the limit, under its table', async () => {
    const calls: Array<[number, number]> = [];
    const task = singleTableRetentionTask('replay-jobs', 'replay_jobs', 5_000, async (before, limit) => {
      calls.push([before, limit]);
      return 7;
    });
    expect({ name: task.name, horizonMs: task.horizonMs }).toEqual({ name: 'replay-jobs', horizonMs: 5_000 });
    await expect(task.prune(1_000, 500)).resolves.toEqual({ rows: 7, deleted: { replay_jobs: 7 } });
    expect(calls).toEqual([[1_000, 500]]);
  });
});
