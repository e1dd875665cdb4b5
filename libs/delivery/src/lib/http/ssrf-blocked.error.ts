/** The connect-time SSRF guard refused every address of a target; no connection was opened. */
export class SsrfBlockedError extends Error {
  override readonly name = 'SsrfBlockedError';
  /** Errno-style code, so the error survives undici's error plumbing and is recognisable by code. */
  readonly code = 'ERR_SSRF_BLOCKED';
}
