import { parseHttpDate } from './parse-http-date.util';

/** The longest Retry-After a caller is willing to honour. */
export interface RetryAfterBounds {
  readonly maxMs: number;
}

/**
 * A `Retry-After` header as a delay from `now`: delta-seconds (`120`) or an HTTP-date. A date in the
 * past means 0; anything longer than `maxMs` is cut to `maxMs` so a receiver cannot park a delivery for
 * a year. Missing or invalid → null (the caller keeps its own schedule).
 */
export function retryAfterMs(headerValue: string | undefined, now: Date, bounds: RetryAfterBounds): number | null {
  if (!(Number.isFinite(bounds.maxMs) && bounds.maxMs >= 0)) {
    throw new RangeError(`retryAfterMs bounds.maxMs must be a finite number ≥ 0; got ${bounds.maxMs}`);
  }
  const text = headerValue?.trim();
  if (text === undefined || text === '') return null;
  if (/^\d+$/.test(text)) return Math.min(bounds.maxMs, Number(text) * 1000);
  const date = parseHttpDate(text, now);
  if (date === null) return null;
  return Math.min(bounds.maxMs, Math.max(0, date.getTime() - now.getTime()));
}
