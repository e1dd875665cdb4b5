import { FilterSyntaxError } from '../filter-syntax.error';
import { describeValue } from '../shared/describe-value.util';
import { INT32_DESCRIPTION, isInt32 } from '../shared/is-int32.util';
import { isPlainObject } from '../shared/is-plain-object.util';
import { parseJsonParam } from '../shared/parse-json-param.util';
import { readQueryString } from '../shared/read-query-string.util';
import { parseDateTimeSpan } from '../shared/parse-date-time-span.util';
import {
  ConpeekCondition,
  ConpeekDateSpan,
  ConpeekOperator,
  ConpeekPropertySpec,
  ConpeekQuerySchema,
  ConpeekScalar,
} from './conpeek-query.types';

const OPERATORS: readonly ConpeekOperator[] = ['gt', 'gte', 'lt', 'lte'];
const ITEM_KEYS: readonly string[] = ['property', 'operator', 'value'];
const EXAMPLE = '[{"property":"created_date","operator":"gt","value":"2021-12-05 14:00:00"}]';

/**
 * `filter`: a JSON list of `{property, operator?, value}`. Without an operator a value means equality
 * and a list means membership; `gt|gte|lt|lte` compare dates and numbers. All items must hold.
 */
export function parseConpeekFilter(raw: unknown, schema: ConpeekQuerySchema): ConpeekCondition[] {
  const text = readQueryString(raw, 'filter');
  if (text === undefined) return [];
  const json = parseFilterJson(text);
  if (!Array.isArray(json)) {
    throw new FilterSyntaxError(
      'filter',
      `filter must be a JSON list of {"property","operator"?,"value"} objects, e.g. ${EXAMPLE}; ` +
        `got ${describeValue(json)}`,
    );
  }
  return json.map((item: unknown, index) => parseCondition(item, `filter[${index}]`, schema));
}

// Conpeek's docs tell clients to send encodeURI(JSON.stringify(list)); a client that also lets its
// HTTP library encode the query ends up one layer deeper than the transport decodes, so try one more.
function parseFilterJson(text: string): unknown {
  try {
    return parseJsonParam(text, 'filter');
  } catch (error: unknown) {
    if (!text.includes('%')) throw error;
    let decoded: string;
    try {
      decoded = decodeURIComponent(text);
    } catch {
      throw error;
    }
    return parseJsonParam(decoded, 'filter');
  }
}

function parseCondition(item: unknown, where: string, schema: ConpeekQuerySchema): ConpeekCondition {
  if (!isPlainObject(item)) {
    throw new FilterSyntaxError(
      'filter',
      `${where} must be an object like {"property":"state","value":"OPEN"}; got ${describeValue(item)}`,
    );
  }
  const extra = Object.keys(item).find((key) => !ITEM_KEYS.includes(key));
  if (extra !== undefined) {
    throw new FilterSyntaxError('filter', `${where} has unknown key "${extra}"; allowed keys: ${ITEM_KEYS.join(', ')}`);
  }

  const property = item['property'];
  const allowed = Object.keys(schema.filterable).join(', ');
  if (typeof property !== 'string') {
    throw new FilterSyntaxError('filter', `${where} needs "property", the name of one of: ${allowed}`);
  }
  if (!Object.hasOwn(schema.filterable, property)) {
    throw new FilterSyntaxError('filter', `unknown filter property "${property}" in ${where}; allowed: ${allowed}`);
  }
  const spec = schema.filterable[property];
  if (!Object.hasOwn(item, 'value')) {
    throw new FilterSyntaxError('filter', `${where} needs "value" for "${property}"`);
  }
  const value = item['value'];
  const operator = readOperator(item['operator'], where);

  if (operator === undefined) {
    if (!Array.isArray(value)) return { property, op: 'eq', value: parseValue(value, property, spec, where) };
    if (value.length === 0) {
      throw new FilterSyntaxError('filter', `${where} has an empty list for "${property}"; give at least one value`);
    }
    return { property, op: 'in', value: value.map((one: unknown) => parseValue(one, property, spec, where)) };
  }

  if (spec.kind !== 'datetime' && spec.kind !== 'number') {
    const comparable = Object.keys(schema.filterable).filter((name) => {
      const kind = schema.filterable[name].kind;
      return kind === 'datetime' || kind === 'number';
    });
    throw new FilterSyntaxError(
      'filter',
      `operator "${operator}" in ${where} cannot be used on "${property}"; operators apply only to ` +
        `${comparable.join(', ')} (omit "operator" for equality, or give a list for membership)`,
    );
  }
  if (Array.isArray(value)) {
    throw new FilterSyntaxError('filter', `${where} combines operator "${operator}" with a list; give one value`);
  }
  return { property, op: operator, value: parseComparable(value, property, spec, where) };
}

function readOperator(raw: unknown, where: string): ConpeekOperator | undefined {
  // Typed clients serialise an unset optional field as null; that is "no operator", not a bad one.
  if (raw === undefined || raw === null) return undefined;
  const name = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
  const operator = OPERATORS.find((candidate) => candidate === name);
  if (operator === undefined) {
    throw new FilterSyntaxError(
      'filter',
      `unknown operator ${describeValue(raw)} in ${where}; allowed: ${OPERATORS.join(', ')} ` +
        `(omit "operator" for equality, or give a list for membership)`,
    );
  }
  return operator;
}

function parseValue(value: unknown, property: string, spec: ConpeekPropertySpec, where: string): ConpeekScalar {
  switch (spec.kind) {
    case 'enum':
      if (typeof value === 'string' && spec.values.includes(value)) return value;
      throw new FilterSyntaxError(
        'filter',
        `value ${describeValue(value)} in ${where} is not a valid "${property}"; allowed: ${spec.values.join(', ')}`,
      );
    case 'datetime':
    case 'number':
      return parseComparable(value, property, spec, where);
    case 'string':
      if (typeof value === 'string') return value;
      throw new FilterSyntaxError(
        'filter',
        `value ${describeValue(value)} in ${where} must be a string for "${property}"`,
      );
    default: {
      const unreachable: never = spec;
      throw new Error(`unhandled property spec ${JSON.stringify(unreachable)}`);
    }
  }
}

function parseComparable(
  value: unknown,
  property: string,
  spec: Extract<ConpeekPropertySpec, { kind: 'datetime' | 'number' }>,
  where: string,
): ConpeekDateSpan | number {
  if (spec.kind === 'number') {
    if (isInt32(value)) return value;
    throw new FilterSyntaxError(
      'filter',
      `value ${describeValue(value)} in ${where} must be ${INT32_DESCRIPTION} for "${property}"`,
    );
  }
  const span = typeof value === 'string' ? parseDateTimeSpan(value) : null;
  if (span !== null) return span;
  throw new FilterSyntaxError(
    'filter',
    `value ${describeValue(value)} in ${where} is not a valid date for "${property}"; ` +
      'use "YYYY-MM-DD HH:mm:ss" (UTC) or ISO 8601',
  );
}
