import type { EnginePolicy } from '../engine/delivery-policy.types';
import type { Clock } from './ports/clock.port';
import type { DeliveryStore, SubscriptionKey } from './ports/delivery-store.port';
import type { SigningSecretEntry } from '../signing/signing.types';
import { DeliverySealer, keyString } from './delivery-sealer';

/** A subscription's delivery target as attempts use it: decrypted once per load, not once per attempt. */
export interface ResolvedTarget {
  key: SubscriptionKey;
  /** null: no stored configuration (a subscription from before targets): use what the delivery was accepted with. */
  config: { url: string; headers: Record<string, string>; policy: EnginePolicy; authorization: string | null } | null;
  secrets: SigningSecretEntry[];
  failingSince: number | null;
  pausedAt: number | null;
  lastError: string | null;
  version: number;
  /** Why its credentials could not be opened (a rotated-away encryption key, corruption); attempts then fail with it. */
  unreadable: string | null;
}

/** A target whose stored credentials do not open (wrong or rotated-away encryption key, corruption). */
export class TargetUnreadableError extends Error {
  constructor(key: SubscriptionKey, cause: unknown) {
    super(`the stored credentials of subscription ${key.source}/${key.subscriptionId} cannot be decrypted: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

interface Entry {
  target: ResolvedTarget | null;
  loadedAt: number;
}

export interface TargetCacheOptions {
  maxEntries: number;
  /**
   * Safety net only: entries are dropped by change announcements (and all of them when the announcement
   * channel reconnects); an entry older than this is re-read anyway.
   */
  maxAgeMs: number;
}

/**
 * Per-process cache of delivery targets, so an attempt reads nothing from the database in steady state.
 * Correct across replicas: every committed change is announced (TargetChangeNotifier) and every process
 * drops its copy on the announcement; while the announcement channel is down nothing is trusted (clear()
 * on reconnect). A load that races with an invalidation is used once but not kept.
 */
export class TargetCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<ResolvedTarget | null>>();
  private epoch = 0;

  constructor(
    private readonly store: Pick<DeliveryStore, 'getTarget'>,
    private readonly sealer: DeliverySealer,
    private readonly clock: Clock,
    private readonly options: TargetCacheOptions,
  ) {}

  async get(key: SubscriptionKey): Promise<ResolvedTarget | null> {
    const id = keyString(key);
    const hit = this.entries.get(id);
    if (hit && this.clock.now() - hit.loadedAt < this.options.maxAgeMs) {
      // Refresh its LRU position.
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit.target;
    }
    const pending = this.loading.get(id);
    if (pending) return pending;
    const load = this.load(key, id).finally(() => this.loading.delete(id));
    this.loading.set(id, load);
    return load;
  }

  invalidate(key: SubscriptionKey): void {
    this.epoch++;
    this.entries.delete(keyString(key));
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private async load(key: SubscriptionKey, id: string): Promise<ResolvedTarget | null> {
    const epoch = this.epoch;
    const loadedAt = this.clock.now();
    const stored = await this.store.getTarget(key);
    let target: ResolvedTarget | null = null;
    let cacheable = true;
    if (stored) {
      try {
        target = {
          key,
          config: stored.config && {
            url: stored.config.url,
            headers: stored.config.legacyHeaders ?? this.sealer.openTargetHeaders(key, stored.config.headersSealed),
            policy: stored.config.policy,
            authorization: this.sealer.openTargetAuthorization(key, stored.config.authorizationSealed),
          },
          secrets: stored.secretsSealed
            ? this.sealer.openSecrets(key, stored.secretsSealed).map((s) => ({ secret: s.secret, expiresAt: s.expiresAt === null ? null : new Date(s.expiresAt) }))
            : [],
          failingSince: stored.failingSince,
          pausedAt: stored.pausedAt,
          lastError: stored.lastError,
          version: stored.version,
          unreadable: null,
        };
      } catch (error) {
        // Where and how are still known (they are not sealed); the credentials (headers included) are not. Not cached: the
        // next job looks again, so a corrected key or a new secret takes effect at once.
        cacheable = false;
        target = {
          key, secrets: [], failingSince: stored.failingSince, pausedAt: stored.pausedAt, lastError: stored.lastError, version: stored.version,
          config: stored.config && { url: stored.config.url, headers: {}, policy: stored.config.policy, authorization: null },
          unreadable: new TargetUnreadableError(key, error).message,
        };
      }
    }
    if (cacheable && epoch === this.epoch) {
      this.entries.set(id, { target, loadedAt });
      if (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    }
    return target;
  }
}
