import { getPathValue } from './get-path-value.util';
import { IncoplaxCondition, IncoplaxScalar } from './incoplax-query.types';
import { toEpochMillis } from './to-epoch-millis.util';

/**
 * True when the entity satisfies every condition, with the semantics a repository gives the same
 * parsed filter: equality, membership for several values, date-times compared as instants.
 */
export function matchesIncoplaxFilter(
  entity: Record<string, unknown>,
  filter: readonly IncoplaxCondition[],
): boolean {
  return filter.every((condition) => {
    const actual = getPathValue(entity, condition.path);
    if (condition.kind === 'datetime') {
      const millis = toEpochMillis(actual);
      return millis !== undefined && condition.values.some((value) => toEpochMillis(value) === millis);
    }
    return condition.values.some((value: IncoplaxScalar) => value === actual);
  });
}
