/** Default budget of one host name lookup (A and AAAA together), enforced by an outer deadline. */
export const DEFAULT_DNS_TIMEOUT_MS = 5_000;

/**
 * c-ares tries per name server. Its timeout is per try and doubles on each retry, so with 2 tries the
 * per-try timeout is a third of the budget: one lost UDP packet is retried instead of eating it all.
 */
export const DNS_TRIES = 2;

/** Names kept in the answer cache; the least recently used is evicted beyond this. */
export const DNS_CACHE_MAX_ENTRIES = 1_000;

/**
 * Record TTLs are clamped to this range: a TTL of 0 would otherwise mean a query per connection, and a
 * day-long TTL would pin an address long after its owner moved. The SSRF guard checks every address at
 * connect time, so caching never lets a refused address through.
 */
export const DNS_MIN_TTL_MS = 1_000;
export const DNS_MAX_TTL_MS = 300_000;

/** How long "no such name" / "no address record" is remembered, so a dead target costs one query per few seconds. */
export const DNS_NEGATIVE_TTL_MS = 5_000;
