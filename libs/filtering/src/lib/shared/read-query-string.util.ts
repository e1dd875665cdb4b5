import { FilterQueryParam, FilterSyntaxError } from '../filter-syntax.error';
import { describeValue } from './describe-value.util';

/**
 * Narrows one raw query-string value to a string, or `undefined` when it was not given.
 *
 * An empty (or blank) value counts as "not given": HTML forms and many HTTP clients send `limit=`
 * for an unset input, and treating it as the default is what their users expect.
 * A repeated parameter (`?limit=1&limit=2`) arrives as an array and is refused rather than guessed at;
 * bracket syntax (`?filter[code]=x`) arrives as an object and is refused the same way.
 */
export function readQueryString(raw: unknown, field: FilterQueryParam): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (Array.isArray(raw)) {
    throw new FilterSyntaxError(field, `${field} was given more than once; give it once`);
  }
  if (typeof raw !== 'string') {
    throw new FilterSyntaxError(field, `${field} must be a single query-string value; got ${describeValue(raw)}`);
  }
  const text = raw.trim();
  return text === '' ? undefined : text;
}
