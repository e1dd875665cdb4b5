import { isReplayActive, replayProgress } from './replay-progress.util';

describe('replayProgress', () => {
  it.each([
    [{ status: 'queued' as const, matched: 0, replayed: 0 }, null],
    [{ status: 'running' as const, matched: 200, replayed: 50 }, 0.25],
    [{ status: 'running' as const, matched: 10, replayed: 12 }, 1],
    [{ status: 'completed' as const, matched: 0, replayed: 0 }, 1],
    [{ status: 'failed' as const, matched: 0, replayed: 0 }, 0],
  ])('%j → %s', (job, expected) => {
    expect(replayProgress(job)).toBe(expected);
  });

  it('polls fast only while queued or running', () => {
    expect(['queued', 'running', 'completed', 'failed'].map((status) => isReplayActive({ status: status as 'queued' }))).toEqual([true, true, false, false]);
  });
});
