import 'reflect-metadata';
import { DatabaseEnv, databaseConfigFrom, loadConfig } from '@hookrelay/config';
import { API_KEY_ROLES, ApiKeyRole, openDataSource, runSchemaMigrations, SchemaName, SCHEMAS, TenancyRepository } from '@hookrelay/persistence';
import { generateApiKey, hashApiKey } from '@hookrelay/secrets';
import { runNatsCommand } from './nats/nats-cli';

const USAGE = `usage:
  hookrelay tenant:create <name> [--role admin|read]   create a tenant (or reuse it) and print a new API key
  hookrelay key:create <tenant> [--role admin|read]    print a new API key for an existing tenant
  hookrelay migrate                                    bring every schema up to date (the apps also do this at start)

The database is DATABASE_URL (PostgreSQL) or SQLITE_PATH (default ./data/hookrelay.sqlite).`;

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

async function main(): Promise<void> {
  if (process.argv[2] === 'migrate' && process.argv.length === 3) return migrateAll();
  if (process.argv[2]?.startsWith('nats:')) return runNatsCommand(process.argv.slice(2));
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
