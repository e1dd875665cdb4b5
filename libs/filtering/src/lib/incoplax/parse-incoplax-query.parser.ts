import { parseLimit } from '../shared/parse-limit.parser';
import { parseOffset } from '../shared/parse-offset.parser';
import { IncoplaxCollectionSchema, IncoplaxQuery, IncoplaxRawQuery } from './incoplax-query.types';
import { parseIncoplaxFilter } from './parse-incoplax-filter.parser';
import { parseIncoplaxItemQuery } from './parse-incoplax-item-query.parser';
import { parseIncoplaxOrder } from './parse-incoplax-order.parser';

/**
 * The query of a collection GET (`filter`, `mask`, `order`, `offset`, `limit`, `flat`).
 * Throws {@link FilterSyntaxError} naming the first bad parameter.
 */
export function parseIncoplaxQuery(raw: IncoplaxRawQuery, schema: IncoplaxCollectionSchema): IncoplaxQuery {
  return {
    filter: parseIncoplaxFilter(raw.filter, schema),
    order: parseIncoplaxOrder(raw.order, schema),
    offset: parseOffset(raw.offset),
    limit: parseLimit(raw.limit, schema),
    ...parseIncoplaxItemQuery(raw, schema),
  };
}
