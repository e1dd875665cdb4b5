import { ConpeekCallbackQuery, ConpeekScalar } from '@hookrelay/filtering';
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

const scalar = (value: ConpeekScalar): string | number | Date => value;

export function toDeliveryPageQuery(query: ConpeekCallbackQuery): DeliveryPageQuery {
  return {
    where: query.conditions.map((condition) =>
      condition.op === 'in'
        ? { column: column(condition.property), op: 'in', value: condition.value.map((v) => (v instanceof Date ? v.getTime() : v)) }
        : { column: column(condition.property), op: condition.op, value: scalar(condition.value) },
    ),
    sort: query.sort ? { column: column(query.sort.field), direction: query.sort.direction === 'desc' ? 'DESC' : 'ASC' } : null,
    offset: query.offset,
    limit: query.limit,
  };
}
