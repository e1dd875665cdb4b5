import { catchFilterSyntaxError } from '../../testing/catch-filter-syntax-error';
import { INCOPLAX_INTEGRATION_POINT_SCHEMA as schema } from './incoplax-integration-point.schema';
import { IncoplaxCondition } from './incoplax-query.types';
import { parseIncoplaxFilter } from './parse-incoplax-filter.parser';

const issync = (value: boolean): IncoplaxCondition => ({ path: 'opts.issync', kind: 'boolean', values: [value] });

describe('parseIncoplaxFilter', () => {
  it.each<[unknown, IncoplaxCondition[]]>([
    [undefined, []],
    ['', []],
    ['{}', []],
    ['{"code":"ABCDE"}', [{ path: 'code', kind: 'string', values: ['ABCDE'] }]],
    ['  {"code":"ABCDE"}  ', [{ path: 'code', kind: 'string', values: ['ABCDE'] }]],
    ['{"type":["public","telegram"]}', [{ path: 'type', kind: 'string', values: ['public', 'telegram'] }]],
    ['{"opts.issync":true}', [issync(true)]],
    ['{"opts":{"issync":true}}', [issync(true)]],
    ['{"opts":{}}', []],
    [
      '{"opts":{"issync":false,"title":"x"}}',
      [issync(false), { path: 'opts.title', kind: 'string', values: ['x'] }],
    ],
    [
      '{"code":"a","type":"public"}',
      [
        { path: 'code', kind: 'string', values: ['a'] },
        { path: 'type', kind: 'string', values: ['public'] },
      ],
    ],
    ['{"tokenlocal":"82ddc7c6"}', [{ path: 'token_local', kind: 'string', values: ['82ddc7c6'] }]],
    ['{"token_local":""}', [{ path: 'token_local', kind: 'string', values: [''] }]],
    ['{"opts.recv_timeout":5000}', [{ path: 'opts.recv_timeout', kind: 'number', values: [5000] }]],
    ['{"opts.recv_timeout":[1000,2500]}', [{ path: 'opts.recv_timeout', kind: 'number', values: [1000, 2500] }]],
    [
      '{"ext.ct":"2019-08-28T13:34:16.42Z"}',
      [{ path: 'ext.ct', kind: 'datetime', values: [new Date('2019-08-28T13:34:16.420Z')] }],
    ],
    [
      '{"ext":{"lwt":["2019-08-28 13:34:16","2019-09-10T15:49:25+03:00"]}}',
      [
        {
          path: 'ext.lwt',
          kind: 'datetime',
          values: [new Date('2019-08-28T13:34:16Z'), new Date('2019-09-10T12:49:25Z')],
        },
      ],
    ],
  ])('%j → %j', (raw, expected) => {
    expect(parseIncoplaxFilter(raw, schema)).toEqual(expected);
  });

  it.each<[unknown, string]>([
    ['{"foo":1}', 'unknown filter field "foo"; allowed: id, code, type, token_local'],
    ['{"opts.foo":1}', 'unknown filter field "opts.foo"'],
    ['{"opts":{"foo":1}}', 'unknown filter field "opts.foo"'],
    ['{"Code":"x"}', 'unknown filter field "Code"'],
    ['{"":"x"}', 'unknown filter field ""'],
    ['{"code":1}', 'filter value for "code" must be a string, or a non-empty list of strings; got 1'],
    ['{"code":null}', 'filter value for "code" must be a string'],
    ['{"code":{"eq":"x"}}', 'filter value for "code" must be a string'],
    [
      '{"type":[["public"]]}',
      'filter value for "type" must be a string, or a non-empty list of strings; got ["public"]',
    ],
    ['{"type":["public",1]}', 'got 1'],
    ['{"type":[]}', 'filter value for "type" is an empty list; give at least one value'],
    ['{"opts.issync":"true"}', 'filter value for "opts.issync" must be true or false'],
    ['{"opts.recv_timeout":"5000"}', 'filter value for "opts.recv_timeout" must be a whole number from -2147483648 to 2147483647'],
    ['{"opts.recv_timeout":2500.5}', 'filter value for "opts.recv_timeout" must be a whole number from -2147483648 to 2147483647'],
    ['{"opts.recv_timeout":[1000,1e300]}', 'filter value for "opts.recv_timeout" must be a whole number from -2147483648 to 2147483647'],
    ['{"ext.ct":"yesterday"}', 'filter value for "ext.ct" must be a date-time such as "2019-08-28T13:34:16.42Z"'],
    ['{"ext.ct":"2019-13-01T00:00:00Z"}', 'filter value for "ext.ct" must be a date-time'],
    ['{"ext.ct":1566999256420}', 'filter value for "ext.ct" must be a date-time'],
    [
      '{"opts":true}',
      'filter field "opts" is a group of fields: nest an object under it or use a dotted name such as "opts.title"',
    ],
    [
      '{"token_remote":"x"}',
      'filter cannot use "token_remote": it can be selected with mask but not filtered on; allowed: id, code',
    ],
    ['{"tokenremote2":"x"}', 'filter cannot use "token_remote2"'],
    ['{"opts":{"roles":"admin"}}', 'filter cannot use "opts.roles"'],
    ['{"opts.issync":true,"opts":{"issync":false}}', 'filter field "opts.issync" is given more than once'],
    ['{"token_local":"a","tokenlocal":"b"}', 'filter field "token_local" is given more than once'],
    ['[{"code":"x"}]', 'filter must be a JSON object of field → value, e.g. {"type":"public"}; got [{"code":"x"}]'],
    ['"code"', 'filter must be a JSON object'],
    ['null', 'filter must be a JSON object'],
    ['{code:"x"}', 'filter is not valid JSON'],
    ['{"code":"x"', 'filter is not valid JSON'],
    [['{"code":"a"}', '{}'], 'filter was given more than once'],
    [{ code: 'x' }, 'filter must be a single query-string value'],
  ])('%j → error %j', (raw, message) => {
    const error = catchFilterSyntaxError(() => parseIncoplaxFilter(raw, schema));
    expect(error.field).toBe('filter');
    expect(error.message).toContain(message);
  });
});
