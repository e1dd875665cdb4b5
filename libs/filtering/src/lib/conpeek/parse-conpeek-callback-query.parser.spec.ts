import { catchFilterSyntaxError } from '../../testing/catch-filter-syntax-error';
import { FilterQueryParam } from '../filter-syntax.error';
import { CONPEEK_CALLBACK_QUERY_SCHEMA } from './conpeek-callback-query.schema';
import { ConpeekCallbackQuery, ConpeekQuerySchema, ConpeekRawQuery } from './conpeek-query.types';
import { parseConpeekCallbackQuery } from './parse-conpeek-callback-query.parser';

const small: ConpeekQuerySchema = { ...CONPEEK_CALLBACK_QUERY_SCHEMA, defaultLimit: 20, maxLimit: 50 };

describe('parseConpeekCallbackQuery', () => {
  it.each<[string, ConpeekRawQuery, ConpeekQuerySchema, ConpeekCallbackQuery]>([
    [
      'nothing given → Conpeek defaults',
      {},
      CONPEEK_CALLBACK_QUERY_SCHEMA,
      { limit: 1000, offset: 0, conditions: [] },
    ],
    [
      'the seed example values',
      { limit: '1000', offset: '2' }, CONPEEK_CALLBACK_QUERY_SCHEMA, { limit: 1000, offset: 2, conditions: [] },
    ],
    [
      'every parameter',
      {
        limit: '10',
        offset: '20',
        sort: 'created_date',
        dir: 'desc',
        filter: '[{"property":"state","value":["OPEN","PROCESSING"]},{"property":"created_date","operator":"gt","value":"2021-12-05 14:00:00"}]',
      },
      CONPEEK_CALLBACK_QUERY_SCHEMA,
      {
        limit: 10,
        offset: 20,
        sort: { field: 'created_date', direction: 'desc' },
        conditions: [
          { property: 'state', op: 'in', value: ['OPEN', 'PROCESSING'] },
          { property: 'created_date', op: 'gt', value: { from: new Date('2021-12-05T14:00:00Z'), until: new Date('2021-12-05T14:00:01Z') } },
        ],
      },
    ],
    [
      'dir without sort is ignored',
      { dir: 'desc' }, CONPEEK_CALLBACK_QUERY_SCHEMA, { limit: 1000, offset: 0, conditions: [] },
    ],
    [
      'limits come from the schema',
      { sort: 'id' }, small, { limit: 20, offset: 0, sort: { field: 'id', direction: 'asc' }, conditions: [] },
    ],
  ])('%s', (_label, raw, schema, expected) => {
    expect(parseConpeekCallbackQuery(raw, schema)).toEqual(expected);
  });

  it.each<[ConpeekRawQuery, FilterQueryParam, string]>([
    [{ limit: '0' }, 'limit', 'limit must be an integer from 1 to 50; got "0"'],
    [{ limit: '51' }, 'limit', 'limit must be an integer from 1 to 50; got "51"'],
    [{ limit: 'all' }, 'limit', 'got "all"'],
    [{ offset: '-2' }, 'offset', 'offset must be a non-negative integer; got "-2"'],
    [{ sort: 'name' }, 'sort', 'unknown sort field "name"'],
    [{ sort: 'id', dir: 'up' }, 'dir', 'dir must be asc or desc'],
    [{ filter: '[{"property":"state","value":"open"}]' }, 'filter', 'is not a valid "state"'],
  ])('%j → %s error', (raw, field, message) => {
    const error = catchFilterSyntaxError(() => parseConpeekCallbackQuery(raw, small));
    expect(error.field).toBe(field);
    expect(error.message).toContain(message);
  });
});
