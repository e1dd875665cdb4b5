import { randomBytes } from 'node:crypto';
import { createDatabase } from './create-database.util';
import { testPostgresUrl } from './test-env';

let created = 0;

/**
 * Creates a fresh, empty database on the shared test PostgreSQL server (HOOKRELAY_TEST_PG_URL) and
 * returns its URL, so each test file works in isolation. Databases go away with the server.
 */
export function createTestDatabase(prefix = 'test'): Promise<string> {
  if (!/^[a-z][a-z0-9_]{0,29}$/.test(prefix)) {
    throw new Error(`createTestDatabase prefix must match [a-z][a-z0-9_]{0,29}; got "${prefix}"`);
  }
  created += 1;
  const name = `${prefix}_${process.pid}_${created}_${randomBytes(3).toString('hex')}`;
  return createDatabase(testPostgresUrl(), name);
}
