import { FilterSyntaxError } from '../filter-syntax.error';
import { CompiledEnvelopeFilter, EnvelopeFilterSpec } from './docstudio-envelope.types';
import { parseEnvelopeTimestamp } from './parse-envelope-timestamp.util';

type DatePart = 'receiveDateFrom' | 'receiveDateTo' | 'expireDateFrom' | 'expireDateTo';

function setOf(values: readonly string[] | null | undefined, fold: (value: string) => string): ReadonlySet<string> | null {
  // An empty list selects nothing in a form: it means the part is not used, not "match no envelope".
  return values && values.length > 0 ? new Set(values.map(fold)) : null;
}

function dateOf(spec: EnvelopeFilterSpec, part: DatePart): number | null {
  const value = spec[part];
  if (value === null || value === undefined) return null;
  const millis = parseEnvelopeTimestamp(value);
  if (millis === null) throw new FilterSyntaxError('filter', `${part} must be an ISO 8601 date-time or UNIX milliseconds; got ${JSON.stringify(value)}`);
  return millis;
}

const same = (value: string): string => value;
const upper = (value: string): string => value.toUpperCase();
const lower = (value: string): string => value.toLowerCase();

/**
 * Prepares a stored filter for matching, once per filter: status upper case, scope/template/sender/subject
 * lower case (DocStudio documents status and scope as case-insensitive; UUIDs compare without case;
 * subject is a case-insensitive "contains"), dates as epoch ms. Labels compare exactly.
 * Throws FilterSyntaxError('filter') for a date that is not one.
 */
export function compileEnvelopeFilter(spec: EnvelopeFilterSpec): CompiledEnvelopeFilter {
  return {
    label: setOf(spec.label, same),
    status: setOf(spec.status, upper),
    subject: spec.subject ? spec.subject.toLowerCase() : null,
    receiveDateFrom: dateOf(spec, 'receiveDateFrom'),
    receiveDateTo: dateOf(spec, 'receiveDateTo'),
    expireDateFrom: dateOf(spec, 'expireDateFrom'),
    expireDateTo: dateOf(spec, 'expireDateTo'),
    template: setOf(spec.template, lower),
    sender: setOf(spec.sender, lower),
    scope: setOf(spec.scope, lower),
  };
}
