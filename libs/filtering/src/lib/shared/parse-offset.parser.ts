import { FilterSyntaxError } from '../filter-syntax.error';
import { describeValue } from './describe-value.util';
import { readQueryString } from './read-query-string.util';

/** `offset`: a non-negative integer, 0 when not given. */
export function parseOffset(raw: unknown): number {
  const text = readQueryString(raw, 'offset');
  if (text === undefined) return 0;
  // A regex rather than Number(): Number accepts "1e3", "0x10", "1.0" and " ", none of which a client means.
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value)) {
    throw new FilterSyntaxError('offset', `offset must be a non-negative integer; got ${describeValue(text)}`);
  }
  return value;
}
