import { compareByIncoplaxOrder } from './compare-by-incoplax-order.util';
import { INCOPLAX_INTEGRATION_POINT_SCHEMA as schema } from './incoplax-integration-point.schema';
import { parseIncoplaxOrder } from './parse-incoplax-order.parser';

const points: Record<string, unknown>[] = [
  { id: '1', code: 'b', type: 'public', opts: { issync: true, recv_timeout: 100 }, ext: { ct: '2019-08-28T13:34:16.42Z' } },
  { id: '2', code: 'a', type: 'telegram', opts: { issync: false, recv_timeout: 20 }, ext: { ct: '2019-08-28 13:34:17' } },
  { id: '3', code: 'C', type: 'public', opts: { issync: false }, ext: { ct: new Date('2019-08-28T13:34:15Z') } },
  { id: '4', code: 'c', type: 'telegram', opts: { issync: true, recv_timeout: 3 }, ext: { ct: null } },
];

const sortedIds = (order: string): string[] =>
  [...points].sort(compareByIncoplaxOrder(parseIncoplaxOrder(order, schema))).map((point) => String(point['id']));

describe('compareByIncoplaxOrder', () => {
  it.each<[string, string[]]>([
    ['[]', ['1', '2', '3', '4']],
    ['code', ['3', '2', '1', '4']],
    ['[{"code":"desc"}]', ['4', '1', '2', '3']],
    ['[{"opts.recv_timeout":"asc"}]', ['4', '2', '1', '3']],
    ['[{"opts.recv_timeout":"desc"}]', ['1', '2', '4', '3']],
    ['[{"ext.ct":"asc"}]', ['3', '1', '2', '4']],
    ['[{"ext.ct":"desc"}]', ['2', '1', '3', '4']],
    ['["opts.issync","code"]', ['3', '2', '1', '4']],
    ['["type",{"code":"desc"}]', ['1', '3', '4', '2']],
    ['[{"type":"desc"}]', ['2', '4', '1', '3']],
  ])('%s → %j', (order, expected) => {
    expect(sortedIds(order)).toEqual(expected);
  });
});
