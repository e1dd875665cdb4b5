/** A granted attempt slot; release exactly once (extra calls are ignored), with how long the attempt took. */
export type Release = (durationMs?: number) => void;

export interface ConcurrencyGateOptions {
  /** Attempts this process runs at once. */
  slots: number;
  /** Attempts at once against one endpoint of one tenant, across ALL worker processes together. */
  perEndpoint: number;
  /** Attempts at once for one tenant, across all worker processes together. */
  perTenant: number;
  /** Most jobs one endpoint may have waiting here (beyond its running ones) in this process. */
  maxHoldPerEndpoint?: number;
}

/**
 * Until an endpoint has been timed, its attempts are assumed to take this long. A guess on the fast side:
 * a burst to a new endpoint is held (bounded by maxHoldPerEndpoint) rather than parked and spaced out;
 * a slow endpoint shows itself within one attempt, and from then on it is held only one round deep.
 */
const UNTIMED_ATTEMPT_MS = 100;
/** A job may wait here as long as the endpoint needs to work off this much time of its line. */
const HOLD_WINDOW_MS = 1_000;
const DEFAULT_MAX_HOLD = 64;
const MAX_TIMED_ENDPOINTS = 10_000;
const NO_SHARE_PARK_MS = 100;

interface EndpointTiming {
  /** Moving average of attempt durations. */
  avgMs: number;
  /** When the next parked job should come back: parked jobs are spaced at the endpoint's own pace. */
  nextWakeAt: number;
}

/** Where this process stands among the live worker processes (rank: its place in a stable order, from 0). */
export interface WorkerShare {
  count: number;
  rank: number;
}

interface Waiter {
  tenantId: string;
  endpoint: string;
  grant: (release: Release) => void;
}

/**
 * Decides when an attempt may start. Three caps: this process's slots; per tenant+endpoint and per tenant,
 * both divided by the number of live worker processes so they hold cluster-wide. A job whose endpoint or
 * tenant is at its cap may wait here only one round deep (at most as many waiters as the cap allows to
 * run); beyond that `acquire` answers null and the engine parks the delivery in the database — so a busy
 * endpoint's backlog neither spins through the queue nor occupies workers, and other tenants' jobs pass.
 */
export class ConcurrencyGate {
  private running = 0;
  private readonly byEndpoint = new Map<string, number>();
  private readonly byTenant = new Map<string, number>();
  private readonly waitingByEndpoint = new Map<string, number>();
  private readonly waitingByTenant = new Map<string, number>();
  private waiters: Waiter[] = [];
  private readonly timings = new Map<string, EndpointTiming>();

  constructor(
    private readonly options: ConcurrencyGateOptions,
    private readonly workers: () => WorkerShare = () => ({ count: 1, rank: 0 }),
  ) {}

  /** A slot now, a promise of one (waiting in line), or null: park the job. */
  acquire(tenantId: string, endpoint: string): Release | Promise<Release> | null {
    const key = endpointKey(tenantId, endpoint);
    const caps = this.capsFor(tenantId, key);
    // A cap smaller than the number of workers gives some workers no share of it: they park the job.
    if (caps.perEndpoint === 0 || caps.perTenant === 0) return null;
    // Whenever a slot is free, every waiter is held by its own caps (release() wakes waiters at once), so a
    // job that fits may pass them: that is what keeps one tenant's queue from delaying another's.
    if (this.fits(tenantId, key)) return this.take(tenantId, key);
    if (!this.fitsCaps(tenantId, key)) {
      if ((this.waitingByEndpoint.get(key) ?? 0) >= this.holdLimit(key, caps.perEndpoint) || (this.waitingByTenant.get(tenantId) ?? 0) >= Math.max(caps.perTenant, this.holdLimit(key, caps.perEndpoint))) return null;
    }
    bump(this.waitingByEndpoint, key, 1);
    bump(this.waitingByTenant, tenantId, 1);
    return new Promise<Release>((grant) => this.waiters.push({ tenantId, endpoint: key, grant }));
  }

  /**
   * This process's share of one endpoint's and one tenant's cluster-wide caps: the cap divided by the live
   * workers, the remainder going to the workers a hash of the key picks — so the shares always add up to
   * the cap, and with a cap below the number of workers only `cap` workers run that endpoint at all.
   */
  capsFor(tenantId: string, key: string): { perEndpoint: number; perTenant: number } {
    const { count, rank } = this.workers();
    const workers = Math.max(1, count);
    return { perEndpoint: share(this.options.perEndpoint, workers, rank, key), perTenant: share(this.options.perTenant, workers, rank, tenantId) };
  }

  /**
   * How long a job refused by acquire() should stay parked: parked jobs of one endpoint are spaced by its
   * average attempt time over its cap, so they come back at the pace the endpoint works — milliseconds for
   * a fast receiver, seconds for a slow one — instead of all at once.
   */
  parkDelay(tenantId: string, endpoint: string, now: number): number {
    const key = endpointKey(tenantId, endpoint);
    const share = this.capsFor(tenantId, key).perEndpoint;
    // No share of this endpoint here (a cap below the worker count): the job waits only to land on a
    // worker that has one, not for the endpoint.
    if (share === 0) return NO_SHARE_PARK_MS;
    const cap = share;
    const timing = this.timingOf(key);
    timing.nextWakeAt = Math.max(now, timing.nextWakeAt) + timing.avgMs / cap;
    return timing.nextWakeAt - now;
  }

  inUse(tenantId: string, endpoint: string): number {
    return this.byEndpoint.get(endpointKey(tenantId, endpoint)) ?? 0;
  }

  get active(): number {
    return this.running;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  private fits(tenantId: string, key: string): boolean {
    return this.running < this.options.slots && this.fitsCaps(tenantId, key);
  }

  private fitsCaps(tenantId: string, key: string): boolean {
    const { perEndpoint, perTenant } = this.capsFor(tenantId, key);
    return (this.byEndpoint.get(key) ?? 0) < perEndpoint && (this.byTenant.get(tenantId) ?? 0) < perTenant;
  }

  /** Waiting jobs one endpoint may have: as many as it works off within HOLD_WINDOW_MS, at least its cap. */
  private holdLimit(key: string, cap: number): number {
    const avgMs = this.timings.get(key)?.avgMs ?? UNTIMED_ATTEMPT_MS;
    return Math.min(this.options.maxHoldPerEndpoint ?? DEFAULT_MAX_HOLD, Math.max(cap, Math.floor((cap * HOLD_WINDOW_MS) / Math.max(1, avgMs))));
  }

  private timingOf(key: string): EndpointTiming {
    let timing = this.timings.get(key);
    if (!timing) {
      if (this.timings.size >= MAX_TIMED_ENDPOINTS) this.timings.delete(this.timings.keys().next().value as string);
      timing = { avgMs: UNTIMED_ATTEMPT_MS, nextWakeAt: 0 };
      this.timings.set(key, timing);
    }
    return timing;
  }

  private take(tenantId: string, key: string): Release {
    this.running++;
    bump(this.byEndpoint, key, 1);
    bump(this.byTenant, tenantId, 1);
    let released = false;
    return (durationMs?: number) => {
      if (released) return;
      released = true;
      if (durationMs !== undefined && Number.isFinite(durationMs)) {
        const timing = this.timingOf(key);
        // The first measurement replaces the guess; later ones move the average by a fifth.
        timing.avgMs = timing.avgMs === UNTIMED_ATTEMPT_MS ? Math.max(1, durationMs) : timing.avgMs * 0.8 + Math.max(1, durationMs) * 0.2;
      }
      this.running--;
      bump(this.byEndpoint, key, -1);
      bump(this.byTenant, tenantId, -1);
      this.wake();
    };
  }

  /** Grants waiting jobs in arrival order, skipping those whose endpoint or tenant is still full. */
  private wake(): void {
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (this.running < this.options.slots && this.fitsCaps(waiter.tenantId, waiter.endpoint)) {
        bump(this.waitingByEndpoint, waiter.endpoint, -1);
        bump(this.waitingByTenant, waiter.tenantId, -1);
        waiter.grant(this.take(waiter.tenantId, waiter.endpoint));
      } else {
        still.push(waiter);
      }
    }
    this.waiters = still;
  }
}

/** Tenant + normalised origin: one tenant's use of a shared receiver never counts against another's. */
export function endpointKey(tenantId: string, endpoint: string): string {
  return `${tenantId}|${endpoint}`;
}

/** scheme://host:port of a URL, lower-cased, default port and a trailing dot on the host removed. */
export function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.hostname.replace(/\.$/, '')}${parsed.port ? `:${parsed.port}` : ''}`;
  } catch {
    return url;
  }
}

function share(cap: number, workers: number, rank: number, key: string): number {
  const base = Math.floor(cap / workers);
  const remainder = cap - base * workers;
  return base + ((hashOf(key) + rank) % workers < remainder ? 1 : 0);
}

/** FNV-1a: a stable, cheap spread of keys over workers. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next <= 0) map.delete(key);
  else map.set(key, next);
}
