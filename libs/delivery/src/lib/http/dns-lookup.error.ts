/**
 * A host name that did not resolve. Shaped like Node's DNS errors (`code`, `hostname`), so attemptFailure
 * reports it as `network` with the code, and its message says in plain English what went wrong.
 */
export class DnsLookupError extends Error {
  override readonly name = 'DnsLookupError';

  constructor(
    /** c-ares style: ENOTFOUND (no such name), ENODATA (no address record), ETIMEOUT, ESERVFAIL, … */
    readonly code: string,
    readonly hostname: string,
    message: string,
  ) {
    super(message);
  }
}
