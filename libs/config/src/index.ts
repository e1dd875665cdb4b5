export { loadConfig, ConfigError, Secret } from './lib/load-config.util';
export { CommonEnv, DatabaseEnv, LOG_LEVELS, toInt } from './lib/common.env';
export type { LogLevel } from './lib/common.env';
export { databaseConfigFrom } from './lib/database-config';
export type { DatabaseConfig } from './lib/database-config';
