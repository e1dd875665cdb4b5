import { DatabaseEnv } from './common.env';

export type DatabaseConfig =
  | { driver: 'sqlite'; path: string; synchronous?: 'FULL' | 'NORMAL' }
  | { driver: 'postgres'; url: string };

export function databaseConfigFrom(env: Pick<DatabaseEnv, 'DATABASE_URL' | 'SQLITE_PATH'> & Partial<Pick<DatabaseEnv, 'SQLITE_SYNCHRONOUS'>>): DatabaseConfig {
  return env.DATABASE_URL ? { driver: 'postgres', url: env.DATABASE_URL } : { driver: 'sqlite', path: env.SQLITE_PATH, synchronous: env.SQLITE_SYNCHRONOUS ?? 'FULL' };
}
