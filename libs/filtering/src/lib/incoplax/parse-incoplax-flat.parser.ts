import { FilterSyntaxError } from '../filter-syntax.error';
import { describeValue } from '../shared/describe-value.util';
import { readQueryString } from '../shared/read-query-string.util';

const VALUES: Readonly<Record<string, boolean>> = { true: true, '1': true, false: false, '0': false };

/** `flat`: `true|false|1|0` (any case), false when not given. */
export function parseIncoplaxFlat(raw: unknown): boolean {
  const text = readQueryString(raw, 'flat');
  if (text === undefined) return false;
  const key = text.toLowerCase();
  if (!Object.hasOwn(VALUES, key)) {
    throw new FilterSyntaxError('flat', `flat must be true, false, 1 or 0; got ${describeValue(text)}`);
  }
  return VALUES[key];
}
