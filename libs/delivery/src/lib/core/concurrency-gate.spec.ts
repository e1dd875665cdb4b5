import { ConcurrencyGate, originOf, Release } from './concurrency-gate';

const T1 = 'tenant-1';
const T2 = 'tenant-2';
const A = 'http://a.test';
const B = 'http://b.test';

function gate(options: Partial<ConstructorParameters<typeof ConcurrencyGate>[0]> = {}): ConcurrencyGate {
  return new ConcurrencyGate({ slots: 100, perEndpoint: 2, perTenant: 100, maxHoldPerEndpoint: 64, ...options });
}

describe('ConcurrencyGate', () => {
  it('runs up to the cap, lets jobs wait up to the hold limit, then refuses (park)', () => {
    const g = gate({ maxHoldPerEndpoint: 2 });
    const granted = [g.acquire(T1, A), g.acquire(T1, A)];
    expect(granted.every((r) => typeof r === 'function')).toBe(true);
    const waiting = [g.acquire(T1, A), g.acquire(T1, A)];
    expect(waiting.every((r) => r instanceof Promise)).toBe(true);
    expect(g.acquire(T1, A)).toBeNull();
  });

  it('another tenant, or another endpoint, passes a full endpoint at once', () => {
    const g = gate({ maxHoldPerEndpoint: 1 });
    g.acquire(T1, A);
    g.acquire(T1, A);
    g.acquire(T1, A);
    expect(g.acquire(T1, A)).toBeNull();
    expect(typeof g.acquire(T2, A)).toBe('function');
    expect(typeof g.acquire(T1, B)).toBe('function');
  });

  it('hands a released slot to the next waiter of that endpoint', async () => {
    const g = gate({ perEndpoint: 1 });
    const first = g.acquire(T1, A) as Release;
    const second = g.acquire(T1, A) as Promise<Release>;
    first(5);
    first(5); // a second release frees nothing more
    const next = await second;
    expect(g.inUse(T1, A)).toBe(1);
    next(5);
    expect(g.inUse(T1, A)).toBe(0);
  });

  it.each<[string, number, number]>([
    // [endpoint speed, attempt ms, jobs that may wait at once with a cap of 2 (hold limit)]
    ['untimed (assumed 100 ms)', -1, 20],
    ['slow (2 s)', 2_000, 2],
    ['100 ms', 100, 20],
    ['fast (5 ms): bounded by maxHoldPerEndpoint', 5, 64],
  ])('a %s endpoint may have %s ms attempts and %i jobs waiting', (_speed, attemptMs, hold) => {
    const g = gate();
    if (attemptMs > 0) (g.acquire(T1, A) as Release)(attemptMs);
    g.acquire(T1, A);
    g.acquire(T1, A);
    let waiting = 0;
    while (g.acquire(T1, A) instanceof Promise) waiting++;
    expect(waiting).toBe(hold);
  });

  it.each<[string, number, number[]]>([
    // parked jobs come back spaced by (attempt time / cap)
    ['fast endpoint (4 ms, cap 2)', 4, [2, 4, 6]],
    ['slow endpoint (2 s, cap 2)', 2_000, [1_000, 2_000, 3_000]],
  ])('parks the jobs of a %s at its pace', (_name, attemptMs, delays) => {
    const g = gate();
    (g.acquire(T1, A) as Release)(attemptMs);
    expect(delays.map(() => g.parkDelay(T1, A, 10_000))).toEqual(delays);
  });

  it.each([
    ['https://Example.com/a?b', 'https://example.com'],
    ['http://example.com:8080/a', 'http://example.com:8080'],
    ['http://example.com./x', 'http://example.com'],
    ['http://[::1]:9/x', 'http://[::1]:9'],
    ['not a url', 'not a url'],
  ])('keys %s as the origin %s', (url, origin) => {
    expect(originOf(url)).toBe(origin);
  });
});
