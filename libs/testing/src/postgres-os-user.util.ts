import { execFileSync } from 'node:child_process';

export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

const USER = 'postgres';

/**
 * The user to run initdb/postgres as: undefined when we are not root (they run as us), else the
 * `postgres` system user, created if missing, since both refuse to run as root.
 */
export function postgresRunAsUser(): OsUser | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const existing = lookupUser(USER);
  if (existing) return existing;
  const groupExists = getent('group', USER) !== undefined;
  const groupArgs = groupExists ? ['--gid', USER] : ['--user-group'];
  execFileSync('useradd', ['--system', ...groupArgs, '--no-create-home', '--shell', '/usr/sbin/nologin', USER], {
    stdio: 'pipe',
  });
  const created = lookupUser(USER);
  if (!created) throw new Error(`useradd ${USER} succeeded but getent cannot find the user`);
  return created;
}

function lookupUser(name: string): OsUser | undefined {
  const entry = getent('passwd', name);
  if (!entry) return undefined;
  const [, , uid, gid] = entry.split(':');
  return { name, uid: Number(uid), gid: Number(gid) };
}

function getent(database: 'passwd' | 'group', key: string): string | undefined {
  try {
    return execFileSync('getent', [database, key], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined; // exit code 2: no such entry
  }
}
