import type { ResolvedKey } from '@hookrelay/persistence';

/** A resolved key is trusted this long before it is read again (so a revoked key stops within it). */
export const API_KEY_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * Resolved API keys by hash, for a few seconds: the key lookup was two queries on every request, the largest
 * database cost of the ingest path. Only found keys are kept (an unknown key is asked again each time), the
 * oldest entry goes first when full, and the TTL bounds how long a revoked key keeps working.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, { key: ResolvedKey; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(hash: string): ResolvedKey | null {
    const hit = this.entries.get(hash);
    if (!hit) return null;
    if (hit.until <= this.now()) {
      this.entries.delete(hash);
      return null;
    }
    return hit.key;
  }

  set(hash: string, key: ResolvedKey): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(hash, { key, until: this.now() + API_KEY_CACHE_TTL_MS });
  }
}
