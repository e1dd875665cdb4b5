import { catchFilterSyntaxError } from '../../testing/catch-filter-syntax-error';
import { FilterQueryParam } from '../filter-syntax.error';
import { INCOPLAX_INTEGRATION_POINT_SCHEMA } from './incoplax-integration-point.schema';
import { IncoplaxCollectionSchema, IncoplaxQuery, IncoplaxRawQuery } from './incoplax-query.types';
import { parseIncoplaxItemQuery } from './parse-incoplax-item-query.parser';
import { parseIncoplaxQuery } from './parse-incoplax-query.parser';

const small: IncoplaxCollectionSchema = { fields: { id: 'string', 'a.b': 'number' }, defaultLimit: 10, maxLimit: 20 };

describe('parseIncoplaxQuery', () => {
  it.each<[string, IncoplaxRawQuery, IncoplaxCollectionSchema, IncoplaxQuery]>([
    [
      'nothing given → defaults',
      {},
      INCOPLAX_INTEGRATION_POINT_SCHEMA,
      { filter: [], mask: undefined, order: [], offset: 0, limit: 1000, flat: false },
    ],
    [
      'the seed example ?offset=0&limit=2',
      { offset: '0', limit: '2' },
      INCOPLAX_INTEGRATION_POINT_SCHEMA,
      { filter: [], mask: undefined, order: [], offset: 0, limit: 2, flat: false },
    ],
    [
      'every parameter',
      {
        filter: '{"type":["public","telegram"],"opts":{"issync":false}}',
        mask: 'id,code,opts.issync',
        order: '[{"code":"desc"}]',
        offset: '10',
        limit: '5',
        flat: 'true',
      },
      INCOPLAX_INTEGRATION_POINT_SCHEMA,
      {
        filter: [
          { path: 'type', kind: 'string', values: ['public', 'telegram'] },
          { path: 'opts.issync', kind: 'boolean', values: [false] },
        ],
        mask: ['id', 'code', 'opts.issync'],
        order: [{ path: 'code', kind: 'string', direction: 'desc' }],
        offset: 10,
        limit: 5,
        flat: true,
      },
    ],
    [
      'default limit comes from the schema',
      { mask: 'a' },
      small,
      { filter: [], mask: ['a'], order: [], offset: 0, limit: 10, flat: false },
    ],
  ])('%s', (_label, raw, schema, expected) => {
    expect(parseIncoplaxQuery(raw, schema)).toEqual(expected);
  });

  it.each<[IncoplaxRawQuery, FilterQueryParam, string]>([
    [{ filter: '{"nope":1}' }, 'filter', 'unknown filter field "nope"'],
    [{ mask: 'nope' }, 'mask', 'unknown mask field "nope"'],
    [{ order: '["nope"]' }, 'order', 'unknown order field "nope"'],
    [{ offset: '-1' }, 'offset', 'offset must be a non-negative integer'],
    [{ limit: '0' }, 'limit', 'limit must be an integer from 1 to 20'],
    [{ limit: '21' }, 'limit', 'limit must be an integer from 1 to 20; got "21"'],
    [{ flat: 'yes' }, 'flat', 'flat must be true, false, 1 or 0'],
  ])('%j → %s error', (raw, field, message) => {
    const error = catchFilterSyntaxError(() => parseIncoplaxQuery(raw, small));
    expect(error.field).toBe(field);
    expect(error.message).toContain(message);
  });
});

describe('parseIncoplaxItemQuery', () => {
  it.each<[IncoplaxRawQuery, unknown]>([
    [{}, { mask: undefined, flat: false }],
    [{ mask: 'tokenlocal,opts', flat: '1' }, { mask: ['token_local', 'opts'], flat: true }],
  ])('%j → %j', (raw, expected) => {
    expect(parseIncoplaxItemQuery(raw, INCOPLAX_INTEGRATION_POINT_SCHEMA)).toEqual(expected);
  });

  it('rejects a bad mask', () => {
    const error = catchFilterSyntaxError(() =>
      parseIncoplaxItemQuery({ mask: 'id,,code' }, INCOPLAX_INTEGRATION_POINT_SCHEMA),
    );
    expect(error.field).toBe('mask');
    expect(error.message).toContain('mask item 2 is empty');
  });
});
