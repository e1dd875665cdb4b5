import { AttemptDeadline } from './attempt-deadline';

describe('AttemptDeadline', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('emits abort and rejects `expired` when the time is up', async () => {
    const deadline = new AttemptDeadline(300);
    const onAbort = jest.fn();
    deadline.on('abort', onAbort);

    jest.advanceTimersByTime(299);
    expect([deadline.aborted, onAbort.mock.calls.length]).toEqual([false, 0]);
    jest.advanceTimersByTime(1);

    expect([deadline.aborted, onAbort.mock.calls.length]).toEqual([true, 1]);
    await expect(deadline.expired).rejects.toThrow('attempt deadline of 300 ms reached');
  });

  it('never fires once cleared', () => {
    const deadline = new AttemptDeadline(300);
    deadline.clear();
    jest.advanceTimersByTime(1_000);
    expect(deadline.aborted).toBe(false);
  });

  it('cancel() aborts at once with its reason, and is not a timeout', async () => {
    const deadline = new AttemptDeadline(300);
    const onAbort = jest.fn();
    deadline.on('abort', onAbort);

    deadline.cancel(new Error('caller gave up'));
    jest.advanceTimersByTime(1_000);

    expect([deadline.aborted, deadline.timedOut, onAbort.mock.calls.length]).toEqual([true, false, 1]);
    await expect(deadline.expired).rejects.toThrow('caller gave up');
  });

  it('timedOut once the time is up; a later cancel() changes nothing', () => {
    const deadline = new AttemptDeadline(300);
    jest.advanceTimersByTime(300);
    deadline.cancel(new Error('too late'));
    expect(deadline.timedOut).toBe(true);
  });
});
