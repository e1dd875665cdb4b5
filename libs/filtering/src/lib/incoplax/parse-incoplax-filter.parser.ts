import { FilterSyntaxError } from '../filter-syntax.error';
import { describeValue } from '../shared/describe-value.util';
import { INT32_DESCRIPTION, isInt32 } from '../shared/is-int32.util';
import { isPlainObject } from '../shared/is-plain-object.util';
import { parseDateTime } from '../shared/parse-date-time.util';
import { parseJsonParam } from '../shared/parse-json-param.util';
import { readQueryString } from '../shared/read-query-string.util';
import { IncoplaxCollectionSchema, IncoplaxCondition, IncoplaxScalar, IncoplaxValueKind } from './incoplax-query.types';
import { listIncoplaxPaths } from './list-incoplax-paths.util';
import { resolveIncoplaxPath } from './resolve-incoplax-path.util';

// [one value, a list of them], for messages such as `must be true or false, or a non-empty list of booleans`.
const EXPECTED: Record<IncoplaxValueKind, readonly [string, string]> = {
  string: ['a string', 'strings'],
  number: [INT32_DESCRIPTION, 'such numbers'],
  boolean: ['true or false', 'booleans'],
  datetime: ['a date-time such as "2019-08-28T13:34:16.42Z"', 'date-times'],
};

/**
 * `filter`: a JSON object of field → value. A scalar means equality, a non-empty list means
 * membership, and all fields must match. Nested fields are named by dotted keys (`{"opts.issync":true}`)
 * or by nesting (`{"opts":{"issync":true}}`); both give the same condition.
 */
export function parseIncoplaxFilter(raw: unknown, schema: IncoplaxCollectionSchema): IncoplaxCondition[] {
  const text = readQueryString(raw, 'filter');
  if (text === undefined) return [];
  const json = parseJsonParam(text, 'filter');
  if (!isPlainObject(json)) {
    throw new FilterSyntaxError(
      'filter',
      `filter must be a JSON object of field → value, e.g. {"type":"public"}; got ${describeValue(json)}`,
    );
  }
  const conditions: IncoplaxCondition[] = [];
  collectConditions(json, '', schema, conditions);
  return conditions;
}

function collectConditions(
  object: Record<string, unknown>,
  prefix: string,
  schema: IncoplaxCollectionSchema,
  conditions: IncoplaxCondition[],
): void {
  for (const [key, value] of Object.entries(object)) {
    const name = prefix + key;
    const resolved = resolveIncoplaxPath(schema, name);
    if (resolved === undefined) {
      throw new FilterSyntaxError(
        'filter',
        `unknown filter field "${name}"; allowed: ${listIncoplaxPaths(schema, 'filter').join(', ')}`,
      );
    }
    if (resolved.kind === 'object') {
      if (!isPlainObject(value)) {
        throw new FilterSyntaxError(
          'filter',
          `filter field "${name}" is a group of fields: nest an object under it or use a dotted name ` +
            `such as "${firstChild(schema, resolved.path)}"; got ${describeValue(value)}`,
        );
      }
      collectConditions(value, `${resolved.path}.`, schema, conditions);
      continue;
    }
    if (resolved.kind === 'maskOnly') {
      throw new FilterSyntaxError(
        'filter',
        `filter cannot use "${resolved.path}": it can be selected with mask but not filtered on; ` +
          `allowed: ${listIncoplaxPaths(schema, 'filter').join(', ')}`,
      );
    }
    // Two conditions on one field (e.g. dotted and nested, or alias and canonical name) could only
    // contradict or repeat each other; say so instead of silently picking one.
    if (conditions.some((condition) => condition.path === resolved.path)) {
      throw new FilterSyntaxError('filter', `filter field "${resolved.path}" is given more than once`);
    }
    const values = parseValues(value, resolved.path, resolved.kind);
    conditions.push({ path: resolved.path, kind: resolved.kind, values });
  }
}

function parseValues(value: unknown, path: string, kind: IncoplaxValueKind): IncoplaxScalar[] {
  if (!Array.isArray(value)) return [parseScalar(value, path, kind)];
  if (value.length === 0) {
    throw new FilterSyntaxError('filter', `filter value for "${path}" is an empty list; give at least one value`);
  }
  return value.map((item: unknown) => parseScalar(item, path, kind));
}

function parseScalar(value: unknown, path: string, kind: IncoplaxValueKind): IncoplaxScalar {
  switch (kind) {
    case 'string':
      if (typeof value === 'string') return value;
      break;
    case 'number':
      if (isInt32(value)) return value;
      break;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      break;
    case 'datetime': {
      const date = typeof value === 'string' ? parseDateTime(value) : null;
      if (date !== null) return date;
      break;
    }
    default: {
      const unreachable: never = kind;
      throw new Error(`unhandled field kind ${String(unreachable)}`);
    }
  }
  const [one, many] = EXPECTED[kind];
  throw new FilterSyntaxError(
    'filter',
    `filter value for "${path}" must be ${one}, or a non-empty list of ${many}; got ${describeValue(value)}`,
  );
}

function firstChild(schema: IncoplaxCollectionSchema, parent: string): string {
  return Object.keys(schema.fields).find((field) => field.startsWith(`${parent}.`)) ?? `${parent}.…`;
}
