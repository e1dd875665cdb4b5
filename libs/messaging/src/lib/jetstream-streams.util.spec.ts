import { isTransientJetStreamError, retryTransient } from './jetstream-streams.util';

describe('isTransientJetStreamError', () => {
  it.each([
    [{ code: 'TIMEOUT', message: 'TIMEOUT' }, true],
    [{ code: '503', message: '503' }, true],
    [{ api_error: { err_code: 10008 }, message: 'JetStream system temporarily unavailable' }, true],
    [{ message: 'jetstream system temporarily unavailable' }, true],
    [{ api_error: { err_code: 10059 }, message: 'stream not found' }, false],
    [{ code: 'PERMISSIONS_VIOLATION', message: 'Permissions Violation for Publish' }, false],
    [new Error('stream name already in use with a different configuration'), false],
    [null, false],
  ])('%j → %s', (error, transient) => {
    expect(isTransientJetStreamError(error)).toBe(transient);
  });
});

describe('retryTransient', () => {
  const timeout = Object.assign(new Error('TIMEOUT'), { code: 'TIMEOUT' });

  it('retries a transient failure with growing pauses until it succeeds', async () => {
    const pauses: number[] = [];
    let calls = 0;
    const result = await retryTransient(async () => (++calls < 4 ? Promise.reject(timeout) : 'ok'), 60_000, async (ms) => void pauses.push(ms));
    expect(result).toBe('ok');
    expect(pauses).toEqual([250, 500, 1000]);
  });

  it('throws a failure that is not transient at once', async () => {
    let calls = 0;
    const denied = Object.assign(new Error('Permissions Violation'), { code: 'PERMISSIONS_VIOLATION' });
    await expect(retryTransient(async () => { calls++; throw denied; }, 60_000, async () => undefined)).rejects.toBe(denied);
    expect(calls).toBe(1);
  });

  it('gives up once the next pause would pass the deadline', async () => {
    let calls = 0;
    await expect(retryTransient(async () => { calls++; throw timeout; }, 100, async () => undefined)).rejects.toBe(timeout);
    expect(calls).toBe(1);
  });
});
