import { catchFilterSyntaxError } from '../../testing/catch-filter-syntax-error';
import { FilterQueryParam } from '../filter-syntax.error';
import { CONPEEK_CALLBACK_QUERY_SCHEMA as schema } from './conpeek-callback-query.schema';
import { ConpeekSort } from './conpeek-query.types';
import { parseConpeekSort } from './parse-conpeek-sort.parser';

describe('parseConpeekSort', () => {
  it.each<[unknown, unknown, ConpeekSort | undefined]>([
    [undefined, undefined, undefined],
    ['', '', undefined],
    [undefined, 'desc', undefined],
    ['created_date', undefined, { field: 'created_date', direction: 'asc' }],
    ['created_date', 'desc', { field: 'created_date', direction: 'desc' }],
    ['id', 'DESC', { field: 'id', direction: 'desc' }],
    ['state', ' Asc ', { field: 'state', direction: 'asc' }],
    ['attempts', '', { field: 'attempts', direction: 'asc' }],
  ])('sort=%j dir=%j → %j', (sort, dir, expected) => {
    expect(parseConpeekSort(sort, dir, schema)).toEqual(expected);
  });

  it.each<[unknown, unknown, FilterQueryParam, string]>([
    ['name', undefined, 'sort', 'unknown sort field "name"; allowed: id, created_date, closed_date'],
    ['CREATED_DATE', 'asc', 'sort', 'unknown sort field "CREATED_DATE"'],
    ['payload', 'asc', 'sort', 'unknown sort field "payload"'],
    ['created_date', 'down', 'dir', 'dir must be asc or desc; got "down"'],
    [undefined, 'sideways', 'dir', 'dir must be asc or desc; got "sideways"'],
    [['id', 'state'], undefined, 'sort', 'sort was given more than once'],
    ['id', ['asc', 'desc'], 'dir', 'dir was given more than once'],
  ])('sort=%j dir=%j → %s error', (sort, dir, field, message) => {
    const error = catchFilterSyntaxError(() => parseConpeekSort(sort, dir, schema));
    expect(error.field).toBe(field);
    expect(error.message).toContain(message);
  });
});
