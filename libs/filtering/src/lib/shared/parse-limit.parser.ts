import { FilterSyntaxError } from '../filter-syntax.error';
import { describeValue } from './describe-value.util';
import { readQueryString } from './read-query-string.util';

/** Page-size bounds a collection declares in its schema. */
export interface LimitBounds {
  readonly defaultLimit: number;
  readonly maxLimit: number;
}

/** `limit`: an integer from 1 to `maxLimit`, `defaultLimit` when not given. */
export function parseLimit(raw: unknown, bounds: LimitBounds): number {
  const text = readQueryString(raw, 'limit');
  if (text === undefined) return bounds.defaultLimit;
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  // Out of range is an error, not a silent clamp: a client asking for 5000 rows must learn it gets at most max.
  if (!Number.isSafeInteger(value) || value < 1 || value > bounds.maxLimit) {
    throw new FilterSyntaxError(
      'limit',
      `limit must be an integer from 1 to ${bounds.maxLimit}; got ${describeValue(text)}`,
    );
  }
  return value;
}
