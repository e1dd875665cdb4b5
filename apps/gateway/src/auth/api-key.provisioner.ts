import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { TenancyRepository } from '@hookrelay/persistence';
import { hashApiKey } from '@hookrelay/secrets';
import { ProvisionedKey } from '../config/gateway.env';

export const PROVISIONED_KEYS = Symbol('PROVISIONED_KEYS');

/** Ensures HOOKRELAY_API_KEYS at boot: tenants are created on first sight, keys stored hashed. Idempotent. */
@Injectable()
export class ApiKeyProvisioner implements OnApplicationBootstrap {
  private readonly logger = new Logger('ApiKeyProvisioner');

  constructor(
    private readonly tenancy: TenancyRepository,
    @Inject(PROVISIONED_KEYS) private readonly keys: ProvisionedKey[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const { tenant, key, role } of this.keys) {
      const entity = await this.tenancy.ensureTenant(tenant);
      await this.tenancy.ensureKey(entity.id, hashApiKey(key), role, `HOOKRELAY_API_KEYS:${tenant}`);
    }
    if (this.keys.length > 0) this.logger.log(`ensured ${this.keys.length} API key(s) from HOOKRELAY_API_KEYS`);
  }
}
