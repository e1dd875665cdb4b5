import { ConpeekDateSpan, ConpeekOperator } from './conpeek-query.types';

/** Epoch milliseconds `from` ≤ t < `until`; a missing end is unbounded. */
export interface ConpeekInstantRange {
  readonly from?: number;
  readonly until?: number;
}

/**
 * Which instants a date condition keeps, given that the date stands for its whole span (a second, for
 * what Conpeek prints): `eq` the span itself, `gt` after its end, `gte` from its start, `lt` before its
 * start, `lte` up to its end. A repository turns this into `col >= from AND col < until`.
 */
export function conpeekDateRange(op: 'eq' | ConpeekOperator, span: ConpeekDateSpan): ConpeekInstantRange {
  const from = span.from.getTime();
  const until = span.until.getTime();
  switch (op) {
    case 'eq':
      return { from, until };
    case 'gt':
      return { from: until };
    case 'gte':
      return { from };
    case 'lt':
      return { until: from };
    case 'lte':
      return { until };
    default: {
      const unreachable: never = op;
      throw new Error(`unhandled operator ${String(unreachable)}`);
    }
  }
}
