/** What a redacted value is logged as. */
export const REDACTED = '[redacted]';

/**
 * Keys whose values are never logged, at any depth: credentials by name (authorization, cookie, token*,
 * *secret*, password), API and encryption keys (`key`, `*_key`, `*_keys`, `apiKey`) and the database URL
 * (it may carry a password). Compared in lower case.
 */
const SECRET_KEY = /^(authorization|proxy-authorization|cookie|set-cookie|database_url)$|token|secret|passw|apikey|(^|[_-])keys?$/;

/** A path segment that is itself a credential: GET /rest/v1/service/integration_tokens/{token_local}. */
const TOKEN_IN_PATH = /(\/integration_tokens\/)[^/?#\s"']+/g;

/** A query parameter named like a credential: ?token=…, ?api_key=…, ?access_token=…, ?password=… */
const SECRET_QUERY = /([?&](?:[\w-]*(?:token|secret|passw|apikey|api_key|api-key)[\w-]*|key)=)[^&#\s"']*/gi;

/** Objects nested deeper than this are not walked (log objects are shallow; this only bounds a cycle). */
const MAX_DEPTH = 8;

/** A URL (or any text holding one) with its credential path segments and query values replaced. */
export function redactText(text: string): string {
  const path = text.includes('/integration_tokens/') ? text.replace(TOKEN_IN_PATH, `$1${REDACTED}`) : text;
  return path.includes('=') ? path.replace(SECRET_QUERY, `$1${REDACTED}`) : path;
}

/**
 * A copy of a log object with every credential-named key's value replaced and credential path segments
 * in its strings redacted. Pure; the input is not changed.
 */
export function redactSecrets<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return value;
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => redactSecrets(item, depth + 1)) as T;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    copy[key] = SECRET_KEY.test(key.toLowerCase()) && item !== undefined && item !== null ? REDACTED : redactSecrets(item, depth + 1);
  }
  return copy as T;
}
