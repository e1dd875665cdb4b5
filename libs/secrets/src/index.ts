export { SecretBox } from './lib/secret-box';
export { generateApiKey, generateHexToken, hashApiKey } from './lib/tokens.util';
/** Injection token under which apps provide their SecretBox. */
export const SECRET_BOX = Symbol('SECRET_BOX');
