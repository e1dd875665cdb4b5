import { IncoplaxCollectionSchema, IncoplaxItemQuery, IncoplaxRawItemQuery } from './incoplax-query.types';
import { parseIncoplaxFlat } from './parse-incoplax-flat.parser';
import { parseIncoplaxMask } from './parse-incoplax-mask.parser';

/** The query of a single-item GET (`mask`, `flat`). */
export function parseIncoplaxItemQuery(raw: IncoplaxRawItemQuery, schema: IncoplaxCollectionSchema): IncoplaxItemQuery {
  return { mask: parseIncoplaxMask(raw.mask, schema), flat: parseIncoplaxFlat(raw.flat) };
}
