/** Header names that carry credentials whole (compared in lower case). */
const EXACT = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
/** Name parts that mark a credential: x-api-key, x-auth-token, x-hub-signature, x-client-secret, x-password… */
const PARTS = /key|token|secret|auth|passw|signature|session|credential/;

/**
 * Whether a custom header's value is a credential, so that a read-only viewer sees it masked. Errs on the
 * side of masking: a header merely named like a credential is masked too.
 */
export function isCredentialHeaderName(name: string): boolean {
  const lower = name.toLowerCase();
  return EXACT.has(lower) || PARTS.test(lower);
}
