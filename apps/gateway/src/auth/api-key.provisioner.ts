import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { TenancyRepository } from '@hookrelay/persistence';
import { hashApiKey } from '@hookrelay/secrets';
import { ProvisionedKey } from '../config/gateway.env';

export const PROVISIONED_KEYS = Symbol('PROVISIONED_KEYS');

/**
 * Ensures HOOKRELAY_API_KEYS at boot: tenants are created on first sight, keys stored hashed. Idempotent.
 * A key revoked with `hookrelay key:revoke` stays revoked even while it is still listed here.
 */
@Injectable()
export class ApiKeyProvisioner implements OnApplicationBootstrap {
  private readonly logger = new Logger('ApiKeyProvisioner');

  constructor(
    private readonly tenancy: TenancyRepository,
    @Inject(PROVISIONED_KEYS) private readonly keys: ProvisionedKey[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const [index, { tenant, key, role }] of this.keys.entries()) {
      const entity = await this.tenancy.ensureTenant(tenant);
      const outcome = await this.tenancy.ensureKey(entity.id, hashApiKey(key), role, `HOOKRELAY_API_KEYS:${tenant}`);
      if (outcome === 'revoked') {
        this.logger.warn(`HOOKRELAY_API_KEYS entry ${index + 1} (tenant "${tenant}") is a revoked key: it stays refused; remove it from HOOKRELAY_API_KEYS`);
      }
    }
    if (this.keys.length > 0) this.logger.log(`ensured ${this.keys.length} API key(s) from HOOKRELAY_API_KEYS`);
  }
}
