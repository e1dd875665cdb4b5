import { FilterSyntaxError } from '../filter-syntax.error';
import { describeValue } from '../shared/describe-value.util';
import { readQueryString } from '../shared/read-query-string.util';
import { ConpeekQuerySchema, ConpeekSort } from './conpeek-query.types';

/**
 * `sort` (a sortable field) and `dir` (`asc|desc`, any case, default `asc`).
 * Without `sort` there is nothing to direct, so a valid `dir` is ignored; an invalid one is still
 * reported, because the client evidently meant something by it.
 */
export function parseConpeekSort(
  rawSort: unknown,
  rawDir: unknown,
  schema: ConpeekQuerySchema,
): ConpeekSort | undefined {
  const field = readQueryString(rawSort, 'sort');
  const dir = readQueryString(rawDir, 'dir');
  const direction = dir === undefined ? 'asc' : dir.toLowerCase();
  if (direction !== 'asc' && direction !== 'desc') {
    throw new FilterSyntaxError('dir', `dir must be asc or desc; got ${describeValue(dir)}`);
  }
  if (field === undefined) return undefined;
  if (!schema.sortable.includes(field)) {
    throw new FilterSyntaxError('sort', `unknown sort field "${field}"; allowed: ${schema.sortable.join(', ')}`);
  }
  return { field, direction };
}
