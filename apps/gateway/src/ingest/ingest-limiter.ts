import { IngestQuotaSettings } from './ingest-quota.settings';
import { BucketLimit, BucketState, charged, freshBucket, refilled, take } from './token-bucket.util';

export interface IngestTenant {
  readonly id: string;
  readonly name: string;
}

export type IngestDecision = { accepted: true } | { accepted: false; retryAfterSeconds: number; limit: BucketLimit };

export interface TenantUsage {
  tenantId: string;
  tenantName: string;
  events: number;
}

interface TenantBucket {
  limit: BucketLimit;
  state: BucketState;
}

/**
 * Per-tenant ingest buckets of one gateway replica (framework-free; the clock is injected). Every replica
 * holds the tenant's full rate and is also charged what the other replicas accepted (their usage reports),
 * so the cluster as a whole admits the configured rate — overshooting only by what the replicas accept
 * between two reports — and a client whose keep-alive connection sticks to one replica still gets all of it.
 */
export class IngestLimiter {
  private readonly buckets = new Map<string, TenantBucket>();
  private unreported = new Map<string, TenantUsage>();

  constructor(
    private readonly settings: IngestQuotaSettings,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes `events` from the tenant's bucket, whole or not at all. */
  admit(tenant: IngestTenant, events: number): IngestDecision {
    const bucket = this.bucketOf(tenant);
    if (!bucket) return { accepted: true };
    const result = take(bucket.state, bucket.limit, events, this.now());
    bucket.state = result.state;
    if (!result.accepted) return { accepted: false, retryAfterSeconds: Math.max(1, Math.ceil(result.retryAfterMs / 1000)), limit: bucket.limit };
    const usage = this.unreported.get(tenant.id);
    if (usage) usage.events += events;
    else this.unreported.set(tenant.id, { tenantId: tenant.id, tenantName: tenant.name, events });
    return { accepted: true };
  }

  /** Charges events another replica accepted for the tenant. */
  chargeRemote(tenant: IngestTenant, events: number): void {
    const bucket = this.bucketOf(tenant);
    if (bucket) bucket.state = charged(bucket.state, bucket.limit, events, this.now());
  }

  /** What this replica accepted since the last call, for its next report; forgets idle tenants' full buckets. */
  takeUsage(): TenantUsage[] {
    const usage = [...this.unreported.values()];
    this.unreported = new Map();
    const now = this.now();
    for (const [id, bucket] of this.buckets) {
      // A full bucket is exactly what a new one would be: keeping it only costs memory.
      if (refilled(bucket.state, bucket.limit, now).tokens >= bucket.limit.burst) this.buckets.delete(id);
    }
    return usage;
  }

  /** Tenants with a bucket in memory (for tests and the idle sweep). */
  get size(): number {
    return this.buckets.size;
  }

  private bucketOf(tenant: IngestTenant): TenantBucket | null {
    const existing = this.buckets.get(tenant.id);
    if (existing) return existing;
    const limit = this.settings.overrides.has(tenant.name) ? this.settings.overrides.get(tenant.name) ?? null : this.settings.defaultLimit;
    if (!limit) return null;
    const bucket = { limit, state: freshBucket(limit, this.now()) };
    this.buckets.set(tenant.id, bucket);
    return bucket;
  }
}
