export { loadConfig, ConfigError, Secret } from './lib/load-config.util';
export { CommonEnv, DatabaseEnv, EncryptionEnv, encryptionKeyringFrom, LOG_LEVELS, toInt } from './lib/common.env';
export { encryptionKeyProblem, parseEncryptionKeyring, SINGLE_KEY_ID } from './lib/encryption-keyring.parser';
export type { EncryptionKeyEntry } from './lib/encryption-keyring.parser';
export type { LogLevel } from './lib/common.env';
export { databaseConfigFrom } from './lib/database-config';
export type { DatabaseConfig } from './lib/database-config';
