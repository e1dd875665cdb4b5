import { EndpointLimiter, endpointOf } from './endpoint-limiter';

describe('EndpointLimiter', () => {
  it('lets at most N attempts per endpoint run, in arrival order, without limiting other endpoints', async () => {
    const limiter = new EndpointLimiter(2);
    const order: string[] = [];
    const a1 = await limiter.acquire('http://a.example/x');
    const a2 = await limiter.acquire('http://a.example/y');
    const a3 = limiter.acquire('http://a.example/z').then((release) => (order.push('a3'), release));
    const a4 = limiter.acquire('http://a.example/w').then((release) => (order.push('a4'), release));
    const b1 = await limiter.acquire('http://b.example/');
    expect(limiter.inUse('http://a.example/')).toBe(2);
    expect(limiter.inUse('http://b.example/')).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([]);
    a1();
    a1(); // releasing twice must not free two slots
    (await a3)();
    a2();
    (await a4)();
    b1();
    expect(order).toEqual(['a3', 'a4']);
    expect(limiter.inUse('http://a.example/')).toBe(0);
  });

  it('tryAcquire refuses at the cap instead of waiting', () => {
    const limiter = new EndpointLimiter(1);
    const first = limiter.tryAcquire('http://a.example/');
    expect(first).not.toBeNull();
    expect(limiter.tryAcquire('http://a.example/other')).toBeNull();
    expect(limiter.tryAcquire('http://b.example/')).not.toBeNull();
    first!();
    expect(limiter.tryAcquire('http://a.example/')).not.toBeNull();
  });

  it.each([
    ['https://Example.com/a?b', 'https://example.com'],
    ['http://example.com:8080/a', 'http://example.com:8080'],
    ['http://[::1]:9/x', 'http://[::1]:9'],
    ['not a url', 'not a url'],
  ])('keys %s as %s', (url, key) => {
    expect(endpointOf(url)).toBe(key);
  });
});
