import type { EnginePolicy } from '../engine/delivery-policy.types';
import { generateSigningSecret } from '../signing/generate-signing-secret.util';
import { rotateSigningSecrets } from '../signing/rotate-signing-secrets.util';
import { DeliverySealer, SigningSecretRecord } from './delivery-sealer';
import type { Clock } from './ports/clock.port';
import type { DeliveryStore, StoredTarget, SubscriptionKey, TargetConfigRow, TargetListQuery } from './ports/delivery-store.port';
import type { TargetChangeNotifier } from './ports/target-change-notifier.port';
import { OperationalEventEmitter } from './operational-event-emitter';

/** How often a secret write that lost to another writer reads again before giving up (each loss means progress elsewhere). */
const SECRET_SWAP_ATTEMPTS = 5;

/** Where and how a subscription's deliveries go, as the owning service defines it. */
export interface TargetConfig {
  url: string;
  /** Custom headers sent on every attempt. Sealed at rest (they often carry tokens). */
  headers: Record<string, string>;
  policy: EnginePolicy;
  /** A full Authorization header value (Basic …/Bearer …), or null. Sealed at rest. */
  authorization: string | null;
  /** What the subscription belongs to, for listing (mailbox uuid, application id); null/absent when nothing. */
  group?: string | null;
  /** A human name for listing ("mailbox <uuid>", the integration point's code …); null/absent when none. */
  label?: string | null;
}

/** A subscription as the operator API lists it (no credentials). */
export interface ListedSubscription {
  source: SubscriptionKey['source'];
  subscriptionId: string;
  group: string | null;
  label: string | null;
  url: string | null;
  policy: EnginePolicy | null;
  pausedAt: number | null;
  failingSince: number | null;
  lastError: string | null;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
}

/** A paused subscription, as the operator API lists it. */
export interface PausedSubscription {
  source: SubscriptionKey['source'];
  subscriptionId: string;
  url: string | null;
  pausedAt: number;
  failingSince: number | null;
  lastError: string | null;
}

/**
 * The subscription lifecycle, the same for every API: its target (URL, headers, policy, auth) and signing
 * secrets live with the engine; a change applies to every delivery not yet closed — also those waiting for
 * a retry — because attempts read the current target; removing it cancels what is pending. Every change is
 * announced so each process's TargetCache drops its copy.
 */
export class SubscriptionTargets {
  constructor(
    private readonly store: Pick<DeliveryStore, 'getTarget' | 'putTargetConfig' | 'swapTargetSecrets' | 'removeTarget' | 'resumeTarget' | 'listPaused' | 'listTargets' | 'pauseTarget'>,
    private readonly sealer: DeliverySealer,
    private readonly notifier: TargetChangeNotifier,
    private readonly clock: Clock,
    private readonly events: OperationalEventEmitter,
  ) {}

  /** Creates or changes the target; a new subscription also gets its signing secret, returned once here. */
  async upsert(key: SubscriptionKey, config: TargetConfig): Promise<{ createdSecret: string | null }> {
    const now = this.clock.now();
    await this.store.putTargetConfig(key, this.row(key, config), now);
    const existing = await this.store.getTarget(key);
    // Of two racing first upserts (two PUTs of one operational webhook) only one secret is stored and returned.
    const createdSecret = existing?.secretsSealed ? null : await this.firstSecret(key, now);
    await this.notifier.announce(key);
    return { createdSecret };
  }

  /**
   * Gives a target that has only its secrets (a subscription from before targets) its config, so attempts
   * find its credentials there and deliveries need no copy of them. Never creates a target: one that is
   * gone belongs to a deleted subscription. True if it adopted one.
   */
  async adopt(key: SubscriptionKey, config: TargetConfig): Promise<boolean> {
    const existing = await this.store.getTarget(key);
    if (!existing || existing.config) return false;
    await this.store.putTargetConfig(key, this.row(key, config), this.clock.now());
    await this.notifier.announce(key);
    return true;
  }

  /** The current signing secret; one is created if the subscription has none. */
  async currentSecret(key: SubscriptionKey): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const target = await this.store.getTarget(key);
      const current = this.current(target, key);
      if (current) return current;
      // None yet, or only secrets in their grace period: a new current one joins them.
      const kept = target?.secretsSealed ? this.sealer.openSecrets(key, target.secretsSealed) : [];
      const secret = generateSigningSecret();
      if (await this.swapSecrets(key, target, [{ secret, expiresAt: null }, ...kept], attempt)) return secret;
    }
  }

  /** The secrets that sign now (current first, then one still in its 24 h grace period). */
  async signingSecrets(key: SubscriptionKey): Promise<Array<{ secret: string; expiresAt: Date | null }>> {
    const target = await this.store.getTarget(key);
    if (!target?.secretsSealed) return [];
    return this.sealer.openSecrets(key, target.secretsSealed).map((s) => ({ secret: s.secret, expiresAt: s.expiresAt === null ? null : new Date(s.expiresAt) }));
  }

  /** A new current secret; the previous one stays valid, and signs too, for 24 h. */
  async rotateSecret(key: SubscriptionKey): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const target = await this.store.getTarget(key);
      const previous = target?.secretsSealed
        ? this.sealer.openSecrets(key, target.secretsSealed).map((s) => ({ secret: s.secret, expiresAt: s.expiresAt === null ? null : new Date(s.expiresAt) }))
        : [];
      const rotated = rotateSigningSecrets(previous, new Date(this.clock.now()));
      if (await this.swapSecrets(key, target, rotated.map((s) => ({ secret: s.secret, expiresAt: s.expiresAt?.getTime() ?? null })), attempt)) return rotated[0]!.secret;
    }
  }

  /** A first signing secret, stored only if the target still has none; null if another caller's was stored first. */
  private async firstSecret(key: SubscriptionKey, at: number): Promise<string | null> {
    const secret = generateSigningSecret();
    return (await this.store.swapTargetSecrets(key, null, this.sealer.sealSecrets(key, [{ secret, expiresAt: null }]), at)) ? secret : null;
  }

  /**
   * Stores `secrets` only if the target's are still those it had when read, and announces the change. False
   * if another writer changed them first (two rotations at once): the caller reads again and recomputes, so
   * no caller returns a secret that another overwrote.
   */
  private async swapSecrets(key: SubscriptionKey, read: StoredTarget | null, secrets: SigningSecretRecord[], attempt: number): Promise<boolean> {
    if (await this.store.swapTargetSecrets(key, read?.secretsSealed ?? null, this.sealer.sealSecrets(key, secrets), this.clock.now())) {
      await this.notifier.announce(key);
      return true;
    }
    if (attempt >= SECRET_SWAP_ATTEMPTS) throw new Error(`the signing secrets of ${key.source} ${key.subscriptionId} changed under each of ${SECRET_SWAP_ATTEMPTS} attempts to write them`);
    return false;
  }

  /** Removes the target and cancels its pending deliveries (they stay visible in the log). */
  async remove(key: SubscriptionKey): Promise<number> {
    const cancelled = await this.store.removeTarget(key, this.clock.now());
    await this.notifier.announce(key);
    return cancelled;
  }

  /**
   * Un-pauses; deliveries closed DISABLED while paused are sent again. Null if there is no such target.
   * `subscription.resumed` only when it was paused when resumeTarget ran (of two resumes racing, one reports it).
   */
  async resume(key: SubscriptionKey): Promise<number | null> {
    const before = await this.store.getTarget(key);
    if (!before) return null;
    // Stored by resumeTarget only if the target was paused when it ran (in its transaction).
    const resumed = this.events.prepare('subscription.resumed', key, { url: before.config?.url ?? null });
    const done = await this.store.resumeTarget(key, this.clock.now(), resumed?.row ?? null);
    if (done === null) return null;
    await this.notifier.announce(key);
    if (done.wasPaused) await this.events.dispatch(resumed);
    return done.reopened;
  }

  /**
   * An operator's pause: attempts close DISABLED until it is resumed (which sends them again). 'paused' when
   * it paused now, 'already' when it was paused, null when there is no such target.
   */
  async pause(key: SubscriptionKey): Promise<'paused' | 'already' | null> {
    const target = await this.store.getTarget(key);
    if (!target) return null;
    const paused = this.events.prepare('subscription.paused', key, { url: target.config?.url ?? null, reason: 'manual' });
    if (await this.store.pauseTarget(key, this.clock.now(), paused?.row ?? null)) {
      await this.notifier.announce(key);
      await this.events.dispatch(paused);
      return 'paused';
    }
    return (await this.store.getTarget(key)) ? 'already' : null;
  }

  /** A page of the tenant's subscriptions in (source, subscription id) order; see TargetListQuery. */
  async list(tenantId: string, query: TargetListQuery): Promise<ListedSubscription[]> {
    const targets = await this.store.listTargets(tenantId, query);
    return targets.map((t) => ({
      source: t.key.source, subscriptionId: t.key.subscriptionId, group: t.config?.group ?? null, label: t.config?.label ?? null,
      url: t.config?.url ?? null, policy: t.config?.policy ?? null, pausedAt: t.pausedAt, failingSince: t.failingSince, lastError: t.lastError,
      lastSuccessAt: t.lastSuccessAt, lastFailureAt: t.lastFailureAt,
    }));
  }

  async exists(key: SubscriptionKey): Promise<boolean> {
    return (await this.store.getTarget(key)) !== null;
  }

  async isPaused(key: SubscriptionKey): Promise<boolean> {
    return (await this.store.getTarget(key))?.pausedAt != null;
  }

  async listPaused(tenantId: string, limit = 1000): Promise<PausedSubscription[]> {
    const targets = await this.store.listPaused(tenantId, limit);
    return targets.map((t) => ({
      source: t.key.source, subscriptionId: t.key.subscriptionId, url: t.config?.url ?? null, pausedAt: t.pausedAt ?? 0, failingSince: t.failingSince, lastError: t.lastError,
    }));
  }

  private row(key: SubscriptionKey, config: TargetConfig): TargetConfigRow {
    return {
      url: config.url, headersSealed: this.sealer.sealTargetHeaders(key, config.headers), policy: config.policy,
      authorizationSealed: this.sealer.sealTargetAuthorization(key, config.authorization), group: config.group ?? null, label: config.label ?? null,
    };
  }

  private current(target: StoredTarget | null, key: SubscriptionKey): string | null {
    if (!target?.secretsSealed) return null;
    return this.sealer.openSecrets(key, target.secretsSealed).find((s) => s.expiresAt === null)?.secret ?? null;
  }
}
