import { Injectable } from '@nestjs/common';
import { DeliverySource, SubscriptionSecretEntity, SubscriptionSecretRepository } from '@hookrelay/persistence';
import { generateSigningSecret } from '../signing/generate-signing-secret.util';
import { rotateSigningSecrets } from '../signing/rotate-signing-secrets.util';
import { DeliverySealing } from './delivery-sealing';

export interface SubscriptionRef {
  tenantId: string;
  source: DeliverySource;
  subscriptionId: string;
}

/**
 * Each subscription's Standard Webhooks secret: generated when the subscription is created, readable by
 * its owner, rotatable (the previous secret stays valid, and signs too, for 24 h).
 */
@Injectable()
export class SubscriptionSecrets {
  constructor(
    private readonly repo: SubscriptionSecretRepository,
    private readonly sealing: DeliverySealing,
  ) {}

  async create(ref: SubscriptionRef): Promise<string> {
    const secret = generateSigningSecret();
    await this.store(ref, [{ secret, expiresAt: null }]);
    return secret;
  }

  /** The current secret, or null when the subscription has none. */
  async current(ref: SubscriptionRef): Promise<string | null> {
    const stored = await this.repo.find(ref.tenantId, ref.source, ref.subscriptionId);
    if (!stored) return null;
    return this.sealing.openSecrets(keyOf(ref), stored.secretsSealed).find((s) => s.expiresAt === null)?.secret ?? null;
  }

  async rotate(ref: SubscriptionRef, now = new Date()): Promise<string> {
    const stored = await this.repo.find(ref.tenantId, ref.source, ref.subscriptionId);
    const previous = stored ? this.sealing.openSecrets(keyOf(ref), stored.secretsSealed) : [];
    const rotated = rotateSigningSecrets(previous, now);
    await this.store(ref, rotated);
    return rotated[0]!.secret;
  }

  async remove(ref: SubscriptionRef): Promise<void> {
    await this.repo.delete(ref.tenantId, ref.source, ref.subscriptionId);
  }

  private async store(ref: SubscriptionRef, secrets: Array<{ secret: string; expiresAt: Date | null }>): Promise<void> {
    await this.repo.put(Object.assign(new SubscriptionSecretEntity(), {
      tenantId: ref.tenantId, source: ref.source, subscriptionId: ref.subscriptionId,
      secretsSealed: this.sealing.sealSecrets(keyOf(ref), secrets), updatedAt: new Date(),
    }));
  }
}

/** Binds a sealed secret list to its subscription (the same key the worker opens it with). */
export function keyOf(ref: SubscriptionRef): string {
  return `${ref.tenantId}:${ref.source}:${ref.subscriptionId}`;
}
