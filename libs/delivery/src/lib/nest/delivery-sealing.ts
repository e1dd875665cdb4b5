import { Inject, Injectable } from '@nestjs/common';
import { SECRET_BOX, SecretBox } from '@hookrelay/secrets';

/** Sealing of the values a delivery carries at rest: its Authorization header and its signing secrets. */
@Injectable()
export class DeliverySealing {
  constructor(@Inject(SECRET_BOX) private readonly box: SecretBox) {}

  sealAuthorization(deliveryId: string, value: string | null): string | null {
    return value === null ? null : this.box.encrypt(value, `deliveries:${deliveryId}:authorization`);
  }

  openAuthorization(deliveryId: string, sealed: string | null): string | null {
    return sealed === null ? null : this.box.decrypt(sealed, `deliveries:${deliveryId}:authorization`);
  }

  sealSecrets(key: string, secrets: ReadonlyArray<{ secret: string; expiresAt: Date | null }>): string {
    return this.box.encrypt(JSON.stringify(secrets.map((s) => ({ secret: s.secret, expiresAt: s.expiresAt?.getTime() ?? null }))), `subscription_secrets:${key}`);
  }

  openSecrets(key: string, sealed: string): Array<{ secret: string; expiresAt: Date | null }> {
    const list = JSON.parse(this.box.decrypt(sealed, `subscription_secrets:${key}`)) as Array<{ secret: string; expiresAt: number | null }>;
    return list.map((s) => ({ secret: s.secret, expiresAt: s.expiresAt === null ? null : new Date(s.expiresAt) }));
  }
}
