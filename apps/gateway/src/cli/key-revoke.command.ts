import { TenancyRepository } from '@hookrelay/persistence';
import { hashApiKey } from '@hookrelay/secrets';
import { readFileSync } from 'node:fs';
import { API_KEY_CACHE_TTL_MS } from '../auth/api-key-cache';
import { CliUsageError } from './cli-usage.error';
import { withDataSource } from './with-data-source.util';

/** An id prefix must be this long: a shorter one is too easy to mistype into another key. */
const MIN_ID_PREFIX = 8;

/**
 * `hookrelay key:revoke <key id | id prefix | key | ->`: revokes one API key for good ("-" reads the key from
 * stdin, so it stays out of the shell history and the process list). Gateways stop accepting it within
 * their key cache's lifetime.
 */
export async function keyRevokeCommand(args: readonly string[]): Promise<number> {
  const [given, ...extra] = args;
  if (!given || extra.length > 0) throw new CliUsageError('key:revoke takes one key id (or unique id prefix), the key itself, or - to read the key from stdin');
  const value = given === '-' ? readFileSync(0, 'utf8').trim() : given;
  const idPrefix = given !== '-' && new RegExp(`^[0-9a-f-]{${MIN_ID_PREFIX},36}$`).test(value) ? value : null;
  return withDataSource('gateway', async (dataSource) => {
    const tenancy = new TenancyRepository(dataSource);
    const matches = await tenancy.findKeysForRevocation(hashApiKey(value), idPrefix);
    if (matches.length === 0) throw new Error(`no API key matches (give a key id or its first ${MIN_ID_PREFIX}+ characters from "hookrelay key:list <tenant>", or the key itself)`);
    if (matches.length > 1) throw new Error(`"${value}" matches ${matches.length} keys (${matches.map((k) => k.id).join(', ')}): give more of the id`);
    const key = matches[0]!;
    const tenant = await tenancy.findTenantById(key.tenantId);
    const which = `${key.role} key ${key.id} of tenant "${tenant?.name ?? key.tenantId}"`;
    if (!(await tenancy.revokeKey(key.id, new Date()))) {
      console.error(`${which} was revoked already (${key.revokedAt?.toISOString() ?? 'earlier'})`);
      return 0;
    }
    console.error(`revoked ${which}: every gateway refuses it within ${API_KEY_CACHE_TTL_MS / 1000} s`);
    if (key.label.startsWith('HOOKRELAY_API_KEYS:')) console.error('it came from HOOKRELAY_API_KEYS: it stays revoked while listed there, but remove it from there too');
    console.log(key.id);
    return 0;
  });
}
