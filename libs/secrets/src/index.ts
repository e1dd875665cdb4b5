export { SecretBox } from './lib/secret-box';
export type { SecretBoxKey, SecretBoxKeys } from './lib/secret-box';
export { generateApiKey, generateHexToken, hashApiKey } from './lib/tokens.util';
export { maskSecret, SECRET_MASK } from './lib/mask-secret.util';
export { isCredentialHeaderName } from './lib/credential-header-name.util';
/** Injection token under which apps provide their SecretBox. */
export const SECRET_BOX = Symbol('SECRET_BOX');
