import { parseLimit } from '../shared/parse-limit.parser';
import { parseOffset } from '../shared/parse-offset.parser';
import { ConpeekCallbackQuery, ConpeekQuerySchema, ConpeekRawQuery } from './conpeek-query.types';
import { parseConpeekFilter } from './parse-conpeek-filter.parser';
import { parseConpeekSort } from './parse-conpeek-sort.parser';

/**
 * The query of `GET /callback` (`limit`, `offset`, `sort`, `dir`, `filter`).
 * Throws {@link FilterSyntaxError} naming the first bad parameter.
 */
export function parseConpeekCallbackQuery(raw: ConpeekRawQuery, schema: ConpeekQuerySchema): ConpeekCallbackQuery {
  const limit = parseLimit(raw.limit, schema);
  const offset = parseOffset(raw.offset);
  const sort = parseConpeekSort(raw.sort, raw.dir, schema);
  const conditions = parseConpeekFilter(raw.filter, schema);
  return sort === undefined ? { limit, offset, conditions } : { limit, offset, sort, conditions };
}
