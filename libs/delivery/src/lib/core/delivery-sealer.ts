import type { SecretBox } from '@hookrelay/secrets';
import type { SubscriptionKey } from './ports/delivery-store.port';

export interface SigningSecretRecord {
  secret: string;
  expiresAt: number | null;
}

/**
 * Encryption at rest of what deliveries carry: Authorization values, custom headers and signing secrets. Each sealed value
 * is bound to where it lives (AES-GCM associated data), so a value copied to another row does not open.
 */
export class DeliverySealer {
  constructor(private readonly box: SecretBox) {}

  /** An Authorization value stored with one delivery (legacy: deliveries accepted before they stopped carrying one). */
  sealDeliveryAuthorization(deliveryId: string, value: string | null): string | null {
    return value === null ? null : this.box.encrypt(value, `deliveries:${deliveryId}:authorization`);
  }

  openDeliveryAuthorization(deliveryId: string, sealed: string | null): string | null {
    return sealed === null ? null : this.box.decrypt(sealed, `deliveries:${deliveryId}:authorization`);
  }

  /** A subscription's current Authorization value (delivery_targets). */
  sealTargetAuthorization(key: SubscriptionKey, value: string | null): string | null {
    return value === null ? null : this.box.encrypt(value, `delivery_targets:${keyString(key)}:authorization`);
  }

  openTargetAuthorization(key: SubscriptionKey, sealed: string | null): string | null {
    return sealed === null ? null : this.box.decrypt(sealed, `delivery_targets:${keyString(key)}:authorization`);
  }

  /** A subscription's custom headers (delivery_targets.headers_sealed): they often carry tokens. Null when none. */
  sealTargetHeaders(key: SubscriptionKey, headers: Record<string, string>): string | null {
    return Object.keys(headers).length === 0 ? null : this.box.encrypt(JSON.stringify(headers), `delivery_targets:${keyString(key)}:headers`);
  }

  openTargetHeaders(key: SubscriptionKey, sealed: string | null): Record<string, string> {
    return sealed === null ? {} : (JSON.parse(this.box.decrypt(sealed, `delivery_targets:${keyString(key)}:headers`)) as Record<string, string>);
  }

  /** Signing secrets keep the context they had in subscription_secrets, so migrated rows still open. */
  sealSecrets(key: SubscriptionKey, secrets: readonly SigningSecretRecord[]): string {
    return this.box.encrypt(JSON.stringify(secrets.map((s) => ({ secret: s.secret, expiresAt: s.expiresAt }))), `subscription_secrets:${keyString(key)}`);
  }

  openSecrets(key: SubscriptionKey, sealed: string): SigningSecretRecord[] {
    const list = JSON.parse(this.box.decrypt(sealed, `subscription_secrets:${keyString(key)}`)) as Array<{ secret: string; expiresAt: number | null }>;
    return list.map((s) => ({ secret: s.secret, expiresAt: s.expiresAt }));
  }
}

export function keyString(key: SubscriptionKey): string {
  return `${key.tenantId}:${key.source}:${key.subscriptionId}`;
}
