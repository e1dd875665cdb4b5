import { FilterSyntaxError } from '../filter-syntax.error';
import { describeValue } from '../shared/describe-value.util';
import { isPlainObject } from '../shared/is-plain-object.util';
import { parseJsonParam } from '../shared/parse-json-param.util';
import { readQueryString } from '../shared/read-query-string.util';
import { SortDirection } from '../shared/sort-direction.types';
import { IncoplaxCollectionSchema, IncoplaxOrderItem } from './incoplax-query.types';
import { listIncoplaxPaths } from './list-incoplax-paths.util';
import { resolveIncoplaxPath } from './resolve-incoplax-path.util';

const ITEM_SHAPE = 'a field name or a one-key object such as {"code":"desc"}';

/**
 * `order`: a JSON array of sort keys, most significant first; each is a field name (ascending) or
 * `{"field":"asc"|"desc"}`. A single key may be given without the array, and plain text that is not
 * JSON is read as comma-separated field names (`order=code` or `order=type,code`), ascending.
 */
export function parseIncoplaxOrder(raw: unknown, schema: IncoplaxCollectionSchema): IncoplaxOrderItem[] {
  const text = readQueryString(raw, 'order');
  if (text === undefined) return [];
  const items = looksLikeJson(text) ? toItemList(parseJsonParam(text, 'order')) : text.split(',');

  const order: IncoplaxOrderItem[] = [];
  items.forEach((item) => {
    const { name, direction } = readItem(item);
    const resolved = resolveIncoplaxPath(schema, name);
    const allowed = (): string => listIncoplaxPaths(schema, 'order').join(', ');
    if (resolved === undefined) {
      throw new FilterSyntaxError('order', `unknown order field "${name}"; allowed: ${allowed()}`);
    }
    if (resolved.kind === 'object') {
      throw new FilterSyntaxError(
        'order',
        `order field "${resolved.path}" is a group of fields; sort by one of them; allowed: ${allowed()}`,
      );
    }
    if (resolved.kind === 'maskOnly') {
      throw new FilterSyntaxError(
        'order',
        `order cannot use "${resolved.path}": it can be selected with mask but not sorted on; allowed: ${allowed()}`,
      );
    }
    if (order.some((existing) => existing.path === resolved.path)) {
      throw new FilterSyntaxError('order', `order field "${resolved.path}" is given more than once`);
    }
    order.push({ path: resolved.path, kind: resolved.kind, direction });
  });
  return order;
}

// Bare field names never start like JSON, so "[", "{" and '"' commit the value to JSON and
// a typo inside it is reported as bad JSON instead of as a strange field name.
function looksLikeJson(text: string): boolean {
  return text.startsWith('[') || text.startsWith('{') || text.startsWith('"');
}

function toItemList(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (typeof json === 'string' || isPlainObject(json)) return [json];
  throw new FilterSyntaxError(
    'order',
    `order must be a JSON array of sort keys, each ${ITEM_SHAPE}; got ${describeValue(json)}`,
  );
}

function readItem(item: unknown): { name: string; direction: SortDirection } {
  if (typeof item === 'string') {
    const name = item.trim();
    if (name === '') {
      throw new FilterSyntaxError('order', `order has an empty field name; each sort key must be ${ITEM_SHAPE}`);
    }
    return { name, direction: 'asc' };
  }
  if (isPlainObject(item)) {
    const entries = Object.entries(item);
    if (entries.length !== 1) {
      throw new FilterSyntaxError(
        'order',
        `order item ${describeValue(item)} must have exactly one key; ` +
          'give one object per field, e.g. [{"type":"asc"},{"code":"desc"}]',
      );
    }
    const [[name, rawDirection]] = entries;
    const direction = typeof rawDirection === 'string' ? rawDirection.trim().toLowerCase() : undefined;
    if (direction !== 'asc' && direction !== 'desc') {
      throw new FilterSyntaxError(
        'order',
        `order direction for "${name}" must be "asc" or "desc"; got ${describeValue(rawDirection)}`,
      );
    }
    return { name, direction };
  }
  throw new FilterSyntaxError('order', `order item must be ${ITEM_SHAPE}; got ${describeValue(item)}`);
}
