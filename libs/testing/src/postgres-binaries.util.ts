import { readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findExecutable, isExecutableFile } from './executable-lookup.util';

const DEBIAN_ROOT = '/usr/lib/postgresql';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/**
 * initdb and postgres from the newest /usr/lib/postgresql/<version>/bin (Debian keeps the server
 * binaries off PATH), else from PATH.
 */
export function findPostgresBinaries(): PostgresBinaries {
  for (const version of debianVersionsNewestFirst()) {
    const dir = join(DEBIAN_ROOT, version, 'bin');
    const found = { initdb: join(dir, 'initdb'), postgres: join(dir, 'postgres') };
    if (isExecutableFile(found.initdb) && isExecutableFile(found.postgres)) return found;
  }
  const initdb = findExecutable('initdb');
  if (initdb) {
    // Take postgres from the same install as initdb: mixing versions breaks at startup.
    const postgres = join(dirname(realpathSync(initdb)), 'postgres');
    if (isExecutableFile(postgres)) return { initdb, postgres };
  }
  throw new Error(
    `PostgreSQL server binaries (initdb, postgres) not found in ${DEBIAN_ROOT}/*/bin or on PATH: ` +
      'install them with tools/scripts/ensure-system-deps.sh postgres (Debian package postgresql)',
  );
}

function debianVersionsNewestFirst(): string[] {
  let entries: string[];
  try {
    entries = readdirSync(DEBIAN_ROOT);
  } catch {
    return [];
  }
  return entries.filter((name) => /^\d+(\.\d+)?$/.test(name)).sort((a, b) => Number(b) - Number(a));
}
