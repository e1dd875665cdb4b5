import { TenancyRepository } from '@hookrelay/persistence';
import { CliUsageError } from './cli-usage.error';
import { withDataSource } from './with-data-source.util';

/** Shown instead of the hash: enough to match a key you hold (`printf %s "$KEY" | sha256sum`), useless to crack. */
const FINGERPRINT_CHARS = 12;

/** `hookrelay key:list <tenant>`: every key of a tenant, revoked ones too, one tab-separated line each. */
export async function keyListCommand(args: readonly string[]): Promise<number> {
  const [tenantName, ...extra] = args;
  if (!tenantName || extra.length > 0) throw new CliUsageError('key:list takes one tenant name');
  return withDataSource('gateway', async (dataSource) => {
    const tenancy = new TenancyRepository(dataSource);
    const tenant = await tenancy.findTenantByName(tenantName);
    if (!tenant) throw new Error(`no tenant named "${tenantName}"`);
    console.log(['ID', 'ROLE', 'CREATED', 'REVOKED', 'SHA256', 'LABEL'].join('\t'));
    for (const key of await tenancy.listKeys(tenant.id)) {
      const revoked = key.revokedAt ? key.revokedAt.toISOString() : '-';
      console.log([key.id, key.role, key.createdAt.toISOString(), revoked, `${key.keyHash.slice(0, FINGERPRINT_CHARS)}…`, key.label || '-'].join('\t'));
    }
    return 0;
  });
}
