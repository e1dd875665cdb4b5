import { TtlLruCache } from './ttl-lru.cache';

describe('TtlLruCache', () => {
  let now = 0;
  const clock = (): number => now;

  beforeEach(() => {
    now = 0;
  });

  it('returns an entry until its TTL has passed', () => {
    const cache = new TtlLruCache<string>(10, clock);
    cache.set('a', 'x', 100);
    now = 99;
    expect(cache.get('a')).toBe('x');
    now = 100;
    expect([cache.get('a'), cache.size]).toEqual([undefined, 0]);
  });

  it.each<[string, string[], string[]]>([
    ['evicts the oldest insert', ['set a', 'set b', 'set c'], ['b', 'c']],
    ['a read makes an entry recent', ['set a', 'set b', 'get a', 'set c'], ['a', 'c']],
    ['re-setting makes an entry recent', ['set a', 'set b', 'set a', 'set c'], ['a', 'c']],
  ])('LRU with room for 2: %s', (_label, operations, kept) => {
    const cache = new TtlLruCache<number>(2, clock);
    for (const operation of operations) {
      const [verb, key] = operation.split(' ');
      if (verb === 'set') cache.set(key, 1, 1_000);
      else cache.get(key);
    }
    expect(['a', 'b', 'c'].filter((key) => cache.get(key) !== undefined)).toEqual(kept);
  });

  it.each([0, -1, 1.5])('refuses maxEntries %p', (maxEntries) => {
    expect(() => new TtlLruCache(maxEntries, clock)).toThrow(RangeError);
  });
});
