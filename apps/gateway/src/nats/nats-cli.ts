import { DatabaseEnv, databaseConfigFrom, loadConfig } from '@hookrelay/config';
import {
  EXEC_REQUESTS_STREAM_V2, execHandlerNatsUser, NATS_APP_USERS_FILE, NATS_USERS_FILE, renderNatsAppUsers, renderNatsUser, renderNatsUsersFile, withNatsUser,
} from '@hookrelay/contracts';
import { openDataSource, TenancyRepository } from '@hookrelay/persistence';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const NATS_USAGE = `  hookrelay nats:config [--write <dir> [--store-dir <dir>]]
      print the generated NATS app users (${NATS_APP_USERS_FILE}); --write puts it into <dir>, with a
      starting ${NATS_USERS_FILE} (nats-server -c) when there is none, JetStream in --store-dir
  hookrelay nats:exec-user <tenant> [--users-file <path>]
      a NATS user for the tenant's /exec handlers: prints its users-file entry (stderr) and the handler's
      connection settings (stdout); --users-file adds it to that file. Then reload nats-server.`;

/** Letters and digits starting with a letter: nats-server parses a password read from its environment as a config value. */
export function generateNatsPassword(): string {
  return `hr${randomBytes(24).toString('hex')}`;
}

/** A mistake in the command line: answered with the usage and exit code 2. */
class UsageError extends Error {}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (!value || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
  return value;
}

function checkArgs(args: string[], positional: number, options: string[]): void {
  const rest = args.slice(positional);
  for (let i = 0; i < rest.length; i += 2) {
    if (!options.includes(rest[i]!)) throw new UsageError(`unknown argument "${rest[i]}"`);
  }
}

function natsConfig(args: string[]): void {
  checkArgs(args, 0, ['--write', '--store-dir']);
  const dir = option(args, '--write');
  if (!dir) {
    process.stdout.write(renderNatsAppUsers());
    return;
  }
  writeFileSync(join(dir, NATS_APP_USERS_FILE), renderNatsAppUsers());
  const usersFile = join(dir, NATS_USERS_FILE);
  // The users file belongs to the operator once written (it holds the /exec handler users): never overwritten.
  if (!existsSync(usersFile)) {
    const storeDir = option(args, '--store-dir');
    writeFileSync(usersFile, renderNatsUsersFile(storeDir ? { jetstreamStoreDir: storeDir } : {}), { mode: 0o600 });
  }
  console.error(`wrote ${join(dir, NATS_APP_USERS_FILE)}; nats-server -c ${usersFile}`);
}

async function execUser(args: string[]): Promise<void> {
  const [name] = args;
  if (!name || name.startsWith('--')) throw new UsageError('nats:exec-user needs a tenant name');
  checkArgs(args, 1, ['--users-file']);
  const usersFile = option(args, '--users-file');
  const dataSource = await openDataSource(databaseConfigFrom(loadConfig(DatabaseEnv)), 'gateway');
  let tenantId: string;
  try {
    const tenant = await new TenancyRepository(dataSource).findTenantByName(name);
    if (!tenant) throw new Error(`no tenant named "${name}"`);
    tenantId = tenant.id;
  } finally {
    await dataSource.destroy();
  }
  const handler = execHandlerNatsUser(tenantId);
  const entry = { user: handler.user, password: generateNatsPassword(), permissions: handler.permissions };
  if (usersFile) {
    writeFileSync(usersFile, withNatsUser(readFileSync(usersFile, 'utf8'), entry));
    console.error(`tenant "${name}" (${tenantId}): /exec handler user ${handler.user} written to ${usersFile}; reload nats-server (nats-server --signal reload, or SIGHUP)`);
  } else {
    console.error(`tenant "${name}" (${tenantId}): add this line to the users list of ${NATS_USERS_FILE} (above its closing bracket), then reload nats-server:\n\n    ${renderNatsUser(entry)}\n`);
  }
  // The handler's settings on stdout alone, so scripts can capture them (the password is shown only here).
  const settings = {
    NATS_USER: handler.user,
    NATS_PASSWORD: entry.password,
    NATS_INBOX_PREFIX: handler.inboxPrefix,
    EXEC_TENANT_ID: tenantId,
    EXEC_SYNC_SUBJECTS: handler.syncSubjects,
    EXEC_STREAM: EXEC_REQUESTS_STREAM_V2,
    EXEC_CONSUMER: handler.consumer,
  };
  console.log(Object.entries(settings).map(([key, value]) => `${key}=${value}`).join('\n'));
}

/** The `nats:*` commands of the hookrelay CLI. */
export async function runNatsCommand(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  try {
    if (command === 'nats:config') return natsConfig(args);
    if (command === 'nats:exec-user') return await execUser(args);
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\nusage:\n${NATS_USAGE}`);
    process.exit(2);
  }
}
