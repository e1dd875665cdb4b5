import { ConpeekCallbackQuery, ConpeekCondition, ConpeekDateSpan, conpeekDateRange, ConpeekScalar } from '@hookrelay/filtering';
import { DeliveryColumn, DeliveryPageQuery } from '@hookrelay/persistence';

/** Conpeek property (wire name) → delivery column. */
const COLUMN_BY_PROPERTY: Readonly<Record<string, DeliveryColumn>> = {
  id: 'id',
  state: 'state',
  application_state: 'applicationState',
  close_reason: 'closeReason',
  source: 'source',
  event: 'event',
  attempts: 'attempts',
  created_date: 'createdAt',
  closed_date: 'closedAt',
  next_attempt_date: 'nextAttemptAt',
};

function column(property: string): DeliveryColumn {
  const mapped = COLUMN_BY_PROPERTY[property];
  // The filtering schema and this table list the same properties; a gap is a programming error.
  if (!mapped) throw new Error(`no column for callback property "${property}"`);
  return mapped;
}

const isSpan = (value: ConpeekScalar): value is ConpeekDateSpan => typeof value === 'object';
const plain = (value: ConpeekScalar): string | number => {
  // The filtering schema gives every property one kind, so a list never mixes dates with other values.
  if (isSpan(value)) throw new Error('a date among non-date filter values');
  return value;
};

type Where = DeliveryPageQuery['where'][number];

/** A date stands for its whole span (a second, as Conpeek prints it), so it becomes ranges of instants. */
function toWhere(condition: ConpeekCondition): Where {
  const col = column(condition.property);
  if (condition.op === 'in') {
    const values = condition.value;
    if (values.length > 0 && values.every(isSpan)) return { column: col, op: 'inRanges', value: values.map((span) => conpeekDateRange('eq', span)) };
    return { column: col, op: 'in', value: values.map(plain) };
  }
  if (isSpan(condition.value)) return { column: col, op: 'inRanges', value: [conpeekDateRange(condition.op, condition.value)] };
  return { column: col, op: condition.op, value: condition.value };
}

export function toDeliveryPageQuery(query: ConpeekCallbackQuery): DeliveryPageQuery {
  return {
    where: query.conditions.map(toWhere),
    sort: query.sort ? { column: column(query.sort.field), direction: query.sort.direction === 'desc' ? 'DESC' : 'ASC' } : null,
    offset: query.offset,
    limit: query.limit,
  };
}
