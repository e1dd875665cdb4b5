import type { AttemptResult } from '../outcome/attempt-outcome.types';

/** An attempt that produced no complete response. */
export interface AttemptFailure {
  readonly result: AttemptResult;
  readonly error: string;
}

const UNDICI_TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/** Errors that mean the caller passed something undici refuses (a hop-by-hop header, a bad value). */
const CALLER_BUG_CODES = new Set(['UND_ERR_INVALID_ARG', 'UND_ERR_NOT_SUPPORTED']);

/**
 * Maps what an attempt threw to its result. `timedOut` (the attempt's own deadline fired) wins over
 * whatever error the abort produced. The SSRF guard's refusal is `blocked`; undici's own timeouts are
 * `timeout`; any other failure on the wire is `network` with the errno/undici code when there is one.
 * Caller bugs are rethrown: they are not network conditions and retrying cannot fix them.
 */
export function attemptFailure(error: unknown, timedOut: boolean, timeoutMs: number): AttemptFailure {
  if (timedOut) return { result: { kind: 'timeout' }, error: `no complete response within ${timeoutMs} ms` };
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_SSRF_BLOCKED') return { result: { kind: 'blocked' }, error: message };
  if (code !== undefined && CALLER_BUG_CODES.has(code)) throw error;
  if (code !== undefined && UNDICI_TIMEOUT_CODES.has(code)) return { result: { kind: 'timeout' }, error: `${code}: ${message}` };
  if (code === undefined) return { result: { kind: 'network' }, error: message };
  return { result: { kind: 'network', code }, error: `${code}: ${message}` };
}

/**
 * The code of an error, looking through `cause` and into AggregateError (Node's Happy Eyeballs reports
 * every failed address of a name in one).
 */
function errorCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 3) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  if (Array.isArray(errors) && errors.length > 0) return errorCode(errors[0], depth + 1);
  return errorCode(cause, depth + 1);
}
