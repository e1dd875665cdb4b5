import { ApiKeyCache, API_KEY_CACHE_TTL_MS } from './api-key-cache';

describe('ApiKeyCache', () => {
  const key = { tenantId: 't', tenantName: 'acme', role: 'admin' as const };

  it.each<[string, number, boolean]>([
    ['just stored', 0, true],
    ['one ms before the TTL', API_KEY_CACHE_TTL_MS - 1, true],
    ['at the TTL (a revocation takes effect)', API_KEY_CACHE_TTL_MS, false],
  ])('%s → hit: %s', (_name, after, hit) => {
    let t = 1_000;
    const cache = new ApiKeyCache(() => t);
    cache.set('h', key);
    t += after;
    expect(cache.get('h')).toEqual(hit ? key : null);
  });

  it('knows nothing it was not told', () => {
    expect(new ApiKeyCache().get('unknown')).toBeNull();
  });
});
