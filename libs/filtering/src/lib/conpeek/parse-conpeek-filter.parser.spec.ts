import { catchFilterSyntaxError } from '../../testing/catch-filter-syntax-error';
import { CONPEEK_CALLBACK_QUERY_SCHEMA as schema } from './conpeek-callback-query.schema';
import { ConpeekCondition } from './conpeek-query.types';
import { parseConpeekFilter } from './parse-conpeek-filter.parser';

const SEED_FILTER = '[{"property": "created_date", "operator": "gt", "value": "2021-12-05 14:00:00"}]';
// What the vendor page prints for encodeURI(JSON.stringify(SEED_FILTER)), i.e. encoded once too often.
const SEED_FILTER_ENCODED =
  '%5B%7B%22property%22:%22created_date%22,%22operator%22:%22gt%22,%22value%22:%222021-12-05%2014:00:00%22%7D%5D';
/** The span a date text stands for: its whole last written unit (see parseDateTimeSpan). */
const span = (from: string, until: string): { from: Date; until: Date } => ({ from: new Date(from), until: new Date(until) });
const dec5 = span('2021-12-05T14:00:00Z', '2021-12-05T14:00:01Z');

describe('parseConpeekFilter', () => {
  it.each<[unknown, ConpeekCondition[]]>([
    [undefined, []],
    ['', []],
    ['[]', []],
    [SEED_FILTER, [{ property: 'created_date', op: 'gt', value: dec5 }]],
    [SEED_FILTER_ENCODED, [{ property: 'created_date', op: 'gt', value: dec5 }]],
    ['[{"property":"state","value":"OPEN"}]', [{ property: 'state', op: 'eq', value: 'OPEN' }]],
    [
      '[{"property":"state","value":["OPEN","PROCESSING"]}]',
      [{ property: 'state', op: 'in', value: ['OPEN', 'PROCESSING'] }],
    ],
    ['[{"property":"state","value":["CLOSED"]}]', [{ property: 'state', op: 'in', value: ['CLOSED'] }]],
    [
      '[{"property":"application_state","value":"RECALL"}]',
      [{ property: 'application_state', op: 'eq', value: 'RECALL' }],
    ],
    [
      '[{"property":"source","value":"integration_point"}]',
      [{ property: 'source', op: 'eq', value: 'integration_point' }],
    ],
    [
      '[{"property":"close_reason","value":["EXHAUSTED","CANCELLED"]}]',
      [{ property: 'close_reason', op: 'in', value: ['EXHAUSTED', 'CANCELLED'] }],
    ],
    [
      '[{"property":"created_date","operator":"gte","value":"2021-12-05 00:00:00"},' +
        '{"property":"created_date","operator":"lt","value":"2021-12-06 00:00:00"}]',
      [
        { property: 'created_date', op: 'gte', value: span('2021-12-05T00:00:00Z', '2021-12-05T00:00:01Z') },
        { property: 'created_date', op: 'lt', value: span('2021-12-06T00:00:00Z', '2021-12-06T00:00:01Z') },
      ],
    ],
    [
      '[{"property":"created_date","operator":"lte","value":"2021-12-05T14:00:00Z"}]',
      [{ property: 'created_date', op: 'lte', value: dec5 }],
    ],
    [
      '[{"property":"created_date","operator":"gt","value":"2021-12-05T16:00:00+02:00"}]',
      [{ property: 'created_date', op: 'gt', value: dec5 }],
    ],
    [
      '[{"property":"created_date","operator":"gt","value":"2021-12-05"}]',
      [{ property: 'created_date', op: 'gt', value: span('2021-12-05T00:00:00Z', '2021-12-06T00:00:00Z') }],
    ],
    [
      '[{"property":"created_date","value":"2021-12-05 14:00:00"}]',
      [{ property: 'created_date', op: 'eq', value: dec5 }],
    ],
    [
      '[{"property":"closed_date","value":["2021-12-05 14:00:00","2021-12-05 15:00:00"]}]',
      [{ property: 'closed_date', op: 'in', value: [dec5, span('2021-12-05T15:00:00Z', '2021-12-05T15:00:01Z')] }],
    ],
    [
      '[{"property":"created_date","operator":"lte","value":"2021-12-05T14:00:00.250Z"}]',
      [{ property: 'created_date', op: 'lte', value: span('2021-12-05T14:00:00.250Z', '2021-12-05T14:00:00.251Z') }],
    ],
    [
      '[{"property":"created_date","operator":"GT","value":"2021-12-05 14:00:00"}]',
      [{ property: 'created_date', op: 'gt', value: dec5 }],
    ],
    ['[{"property":"state","operator":null,"value":"OPEN"}]', [{ property: 'state', op: 'eq', value: 'OPEN' }]],
    ['[{"value":"OPEN","property":"state"}]', [{ property: 'state', op: 'eq', value: 'OPEN' }]],
    ['[{"property":"attempts","operator":"gte","value":3}]', [{ property: 'attempts', op: 'gte', value: 3 }]],
    ['[{"property":"attempts","value":[0,1]}]', [{ property: 'attempts', op: 'in', value: [0, 1] }]],
    ['[{"property":"event","value":"50% off"}]', [{ property: 'event', op: 'eq', value: '50% off' }]],
    [
      '[{"property":"state","value":"CLOSED"},{"property":"close_reason","value":"DELIVERED"}]',
      [
        { property: 'state', op: 'eq', value: 'CLOSED' },
        { property: 'close_reason', op: 'eq', value: 'DELIVERED' },
      ],
    ],
  ])('%s → %j', (raw, expected) => {
    expect(parseConpeekFilter(raw, schema)).toEqual(expected);
  });

  it.each<[unknown, string]>([
    ['not json', 'filter is not valid JSON'],
    ['%5Bbroken', 'filter is not valid JSON'],
    ['%E0%A4%A', 'filter is not valid JSON'],
    ['[{"property":"state","value":"OPEN"}', 'filter is not valid JSON'],
    ['{"property":"state","value":"OPEN"}', 'filter must be a JSON list of {"property","operator"?,"value"} objects'],
    ['"state"', 'filter must be a JSON list'],
    ['null', 'filter must be a JSON list'],
    ['[1]', 'filter[0] must be an object like {"property":"state","value":"OPEN"}; got 1'],
    ['[null]', 'filter[0] must be an object'],
    ['[["state","OPEN"]]', 'filter[0] must be an object'],
    ['[{"value":"OPEN"}]', 'filter[0] needs "property", the name of one of: state, application_state, created_date'],
    ['[{"property":1,"value":"OPEN"}]', 'filter[0] needs "property"'],
    [
      '[{"property":"status","value":"OPEN"}]',
      'unknown filter property "status" in filter[0]; allowed: state, application_state',
    ],
    ['[{"property":"constructor","value":"OPEN"}]', 'unknown filter property "constructor"'],
    ['[{"property":"state"}]', 'filter[0] needs "value" for "state"'],
    [
      '[{"property":"state","value":"OPEN","key":"x"}]',
      'filter[0] has unknown key "key"; allowed keys: property, operator, value',
    ],
    [
      '[{"property":"state","value":"open"}]',
      'value "open" in filter[0] is not a valid "state"; allowed: OPEN, PROCESSING, CLOSED',
    ],
    ['[{"property":"state","value":"DONE"}]', 'is not a valid "state"'],
    ['[{"property":"state","value":null}]', 'value null in filter[0] is not a valid "state"'],
    [
      '[{"property":"application_state","value":["NEW","OPEN"]}]',
      'value "OPEN" in filter[0] is not a valid "application_state"; allowed: NEW, RETRY, RECALL, CLOSED',
    ],
    ['[{"property":"source","value":"webhook"}]', 'allowed: envelope_callback, application_webhook, integration_point, operational_webhook'],
    ['[{"property":"state","value":[]}]', 'filter[0] has an empty list for "state"; give at least one value'],
    [
      '[{"property":"state","operator":"gt","value":"OPEN"}]',
      'operator "gt" in filter[0] cannot be used on "state"; operators apply only to created_date, closed_date, next_attempt_date, attempts',
    ],
    ['[{"property":"event","operator":"lt","value":"x"}]', 'cannot be used on "event"'],
    [
      '[{"property":"created_date","operator":"like","value":"2021-12-05 14:00:00"}]',
      'unknown operator "like" in filter[0]; allowed: gt, gte, lt, lte',
    ],
    ['[{"property":"created_date","operator":"eq","value":"2021-12-05 14:00:00"}]', 'unknown operator "eq"'],
    ['[{"property":"created_date","operator":"","value":"2021-12-05 14:00:00"}]', 'unknown operator ""'],
    ['[{"property":"created_date","operator":1,"value":"2021-12-05 14:00:00"}]', 'unknown operator 1'],
    [
      '[{"property":"created_date","operator":"gt","value":["2021-12-05 14:00:00"]}]',
      'filter[0] combines operator "gt" with a list; give one value',
    ],
    [
      '[{"property":"created_date","operator":"gt","value":"2021-13-40 25:00:00"}]',
      'value "2021-13-40 25:00:00" in filter[0] is not a valid date for "created_date"; use "YYYY-MM-DD HH:mm:ss" (UTC) or ISO 8601',
    ],
    ['[{"property":"created_date","value":"yesterday"}]', 'is not a valid date for "created_date"'],
    [
      '[{"property":"created_date","operator":"gt","value":1638712800}]',
      'value 1638712800 in filter[0] is not a valid date',
    ],
    [
      '[{"property":"closed_date","value":["2021-12-05 14:00:00","2021-02-30 00:00:00"]}]',
      'value "2021-02-30 00:00:00" in filter[0] is not a valid date for "closed_date"',
    ],
    ['[{"property":"attempts","operator":"gt","value":"3"}]', 'value "3" in filter[0] must be a whole number from -2147483648 to 2147483647 for "attempts"'],
    ['[{"property":"attempts","value":1.5}]', 'value 1.5 in filter[0] must be a whole number from -2147483648 to 2147483647 for "attempts"'],
    ['[{"property":"attempts","operator":"gt","value":1e300}]', 'value 1e+300 in filter[0] must be a whole number from -2147483648 to 2147483647 for "attempts"'],
    ['[{"property":"event","value":5}]', 'value 5 in filter[0] must be a string for "event"'],
    [
      '[{"property":"state","value":"OPEN"},{"property":"nope","value":1}]',
      'unknown filter property "nope" in filter[1]',
    ],
    [['[]', '[]'], 'filter was given more than once'],
  ])('%s → error %j', (raw, message) => {
    const error = catchFilterSyntaxError(() => parseConpeekFilter(raw, schema));
    expect(error.field).toBe('filter');
    expect(error.message).toContain(message);
  });
});
