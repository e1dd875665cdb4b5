/**
 * Errors that mean "a dependency cannot be reached right now" rather than "this request is wrong": the
 * database restarting (connection refused or cut, PostgreSQL shutting down or starting up) or a pool with
 * no connection to give. A request that failed this way stored nothing it could report, and the same
 * request a moment later may succeed, so it is answered 503 with Retry-After instead of 500 INTERNAL.
 */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
/** SQLSTATE class 08 (connection exception), 57P01-57P03 (admin/crash shutdown, cannot connect now), 53300 (too many connections). */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
/** node-postgres errors with no code. */
const UNAVAILABLE_MESSAGES = [/^Connection terminated/, /^timeout exceeded when trying to connect$/, /^Client has encountered a connection error and is not queryable$/];

export function isDependencyUnavailableError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { code, message, driverError, cause } = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return true;
  // TypeORM wraps the driver's error (QueryFailedError.driverError); others chain it as `cause`.
  return isDependencyUnavailableError(driverError, depth + 1) || isDependencyUnavailableError(cause, depth + 1);
}
