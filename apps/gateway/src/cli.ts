import 'reflect-metadata';
import { DatabaseEnv, databaseConfigFrom, loadConfig } from '@hookrelay/config';
import { API_KEY_ROLES, ApiKeyRole, openDataSource, runSchemaMigrations, SchemaName, SCHEMAS, TenancyRepository } from '@hookrelay/persistence';
import { generateApiKey, hashApiKey } from '@hookrelay/secrets';
import { CliUsageError } from './cli/cli-usage.error';
import { keyListCommand } from './cli/key-list.command';
import { keyRevokeCommand } from './cli/key-revoke.command';
import { rekeyCommand } from './cli/rekey.command';
import { runNatsCommand } from './nats/nats-cli';

const USAGE = `usage:
  hookrelay tenant:create <name> [--role admin|read]   create a tenant (or reuse it) and print a new API key
  hookrelay key:create <tenant> [--role admin|read]    print a new API key for an existing tenant
  hookrelay key:list <tenant>                          list a tenant's keys: id, role, created, revoked, hash prefix, label
  hookrelay key:revoke <key id|id prefix|key|->        revoke a key for good ("-": read the key from stdin)
  hookrelay rekey [--batch-size n]                     re-seal every stored secret with the first key of HOOKRELAY_ENCRYPTION_KEYS
  hookrelay nats:config [--write <dir> [--store-dir <dir>]]   print (or write) the nats-server configuration: one user per app
  hookrelay nats:exec-user <tenant> [--users-file <path>]     a NATS user for one tenant's /exec handlers (printed, or added to the users file)
  hookrelay migrate                                    bring every schema up to date (the apps also do this at start)

The database is DATABASE_URL (PostgreSQL) or SQLITE_PATH (default ./data/hookrelay.sqlite); rekey also
reads the keyring the apps use (HOOKRELAY_ENCRYPTION_KEYS, or HOOKRELAY_ENCRYPTION_KEY).`;

function parseArgs(argv: string[]): { command: string; name: string; role: ApiKeyRole } {
  const [command, name, ...rest] = argv;
  let role: ApiKeyRole = 'admin';
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--role') {
      const value = rest[++i];
      if (!API_KEY_ROLES.includes(value as ApiKeyRole)) throw new Error(`--role must be one of ${API_KEY_ROLES.join(', ')}`);
      role = value as ApiKeyRole;
    } else {
      throw new Error(`unknown argument "${rest[i]}"`);
    }
  }
  if (!command || !name || !['tenant:create', 'key:create'].includes(command)) throw new Error('missing or unknown command');
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(name)) throw new Error('tenant names are 1-200 characters of [A-Za-z0-9._-]');
  return { command, name, role };
}

/** Every service's migrations, each with its own table and lock (what a deployment's migration Job runs). */
async function migrateAll(): Promise<void> {
  const env = loadConfig(DatabaseEnv);
  for (const schema of Object.keys(SCHEMAS) as SchemaName[]) {
    await runSchemaMigrations(databaseConfigFrom(env), schema);
    console.error(`migrated ${schema}`);
  }
}

/** Commands that parse their own arguments, one file each (src/cli/). */
const COMMANDS: Record<string, (args: readonly string[]) => Promise<number>> = {
  'key:list': keyListCommand,
  'key:revoke': keyRevokeCommand,
  rekey: rekeyCommand,
};

async function main(): Promise<void> {
  if (process.argv[2] === 'migrate' && process.argv.length === 3) return migrateAll();
  if (process.argv[2]?.startsWith('nats:')) return runNatsCommand(process.argv.slice(2));
  const command = COMMANDS[process.argv[2] ?? ''];
  if (command) {
    try {
      process.exitCode = await command(process.argv.slice(3));
    } catch (error) {
      if (!(error instanceof CliUsageError)) throw error;
      console.error(`${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
    }
    return;
  }
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  const env = loadConfig(DatabaseEnv);
  const dataSource = await openDataSource(databaseConfigFrom(env), 'gateway');
  try {
    const tenancy = new TenancyRepository(dataSource);
    let tenant = await tenancy.findTenantByName(args.name);
    if (!tenant && args.command === 'key:create') throw new Error(`no tenant named "${args.name}"`);
    tenant ??= await tenancy.createTenant(args.name);
    const key = generateApiKey();
    await tenancy.ensureKey(tenant.id, hashApiKey(key), args.role, `cli:${args.command}`);
    // The key itself goes to stdout alone so scripts can capture it; it is not stored anywhere in clear.
    console.error(`tenant "${tenant.name}" (${tenant.id}): new ${args.role} key`);
    console.log(key);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`hookrelay: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
