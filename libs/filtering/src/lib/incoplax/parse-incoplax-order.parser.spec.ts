import { catchFilterSyntaxError } from '../../testing/catch-filter-syntax-error';
import { INCOPLAX_INTEGRATION_POINT_SCHEMA as schema } from './incoplax-integration-point.schema';
import { IncoplaxOrderItem } from './incoplax-query.types';
import { parseIncoplaxOrder } from './parse-incoplax-order.parser';

const codeAsc: IncoplaxOrderItem = { path: 'code', kind: 'string', direction: 'asc' };
const codeDesc: IncoplaxOrderItem = { path: 'code', kind: 'string', direction: 'desc' };
const typeAsc: IncoplaxOrderItem = { path: 'type', kind: 'string', direction: 'asc' };

describe('parseIncoplaxOrder', () => {
  it.each<[unknown, IncoplaxOrderItem[]]>([
    [undefined, []],
    ['', []],
    ['[]', []],
    ['["code"]', [codeAsc]],
    [' [ "code" ] ', [codeAsc]],
    ['[{"code":"desc"}]', [codeDesc]],
    ['[{"code":"DESC"}]', [codeDesc]],
    ['[{"code":" Desc "}]', [codeDesc]],
    ['[{"type":"asc"},{"code":"desc"}]', [typeAsc, codeDesc]],
    ['["type",{"ext.ct":"desc"}]', [typeAsc, { path: 'ext.ct', kind: 'datetime', direction: 'desc' }]],
    ['[{"opts.issync":"asc"}]', [{ path: 'opts.issync', kind: 'boolean', direction: 'asc' }]],
    ['[{"tokenlocal":"asc"}]', [{ path: 'token_local', kind: 'string', direction: 'asc' }]],
    ['"code"', [codeAsc]],
    ['{"code":"desc"}', [codeDesc]],
    ['code', [codeAsc]],
    ['type, code', [typeAsc, codeAsc]],
  ])('%j → %j', (raw, expected) => {
    expect(parseIncoplaxOrder(raw, schema)).toEqual(expected);
  });

  it.each<[unknown, string]>([
    ['["foo"]', 'unknown order field "foo"; allowed: id, code, type'],
    ['foo', 'unknown order field "foo"'],
    ['1', 'unknown order field "1"'],
    ['["opts"]', 'order field "opts" is a group of fields; sort by one of them; allowed: id, code'],
    ['[{"ext":"desc"}]', 'order field "ext" is a group of fields'],
    ['["token_remote"]', 'order cannot use "token_remote": it can be selected with mask but not sorted on'],
    ['tokenremote2', 'order cannot use "token_remote2"'],
    ['[{"foo":"asc"}]', 'unknown order field "foo"'],
    ['[{"code":"up"}]', 'order direction for "code" must be "asc" or "desc"; got "up"'],
    ['[{"code":1}]', 'order direction for "code" must be "asc" or "desc"; got 1'],
    ['[{"code":"asc","id":"desc"}]', 'must have exactly one key'],
    ['[{}]', 'order item {} must have exactly one key'],
    ['[1]', 'order item must be a field name or a one-key object such as {"code":"desc"}; got 1'],
    ['[null]', 'order item must be a field name'],
    ['[["code"]]', 'order item must be a field name'],
    ['[""]', 'order has an empty field name'],
    ['code,,id', 'order has an empty field name'],
    ['["code","code"]', 'order field "code" is given more than once'],
    ['["code",{"code":"desc"}]', 'order field "code" is given more than once'],
    ['[{"code":"asc"}', 'order is not valid JSON'],
    ['{"code":"desc"', 'order is not valid JSON'],
    ['"code', 'order is not valid JSON'],
    [['code', 'id'], 'order was given more than once'],
  ])('%j → error %j', (raw, message) => {
    const error = catchFilterSyntaxError(() => parseIncoplaxOrder(raw, schema));
    expect(error.field).toBe('order');
    expect(error.message).toContain(message);
  });
});
