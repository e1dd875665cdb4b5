import { flattenObject } from './flatten-object.util';
import { INCOPLAX_INTEGRATION_POINT_SCHEMA as schema } from './incoplax-integration-point.schema';
import { matchesIncoplaxFilter } from './matches-incoplax-filter.util';
import { parseIncoplaxFilter } from './parse-incoplax-filter.parser';

const point: Record<string, unknown> = {
  id: 'b4680fbe-016c-d86f-1d6b-50e54938780c',
  code: 'ABCDE',
  type: 'public',
  token_local: '82ddc7c68623726346a78371173e2f8d',
  opts: { title: '', issync: false, recv_timeout: 5000 },
  ext: { ct: '2019-08-28T13:34:16.42Z', lwt: new Date('2019-09-10T12:49:25.17Z') },
};

describe('matchesIncoplaxFilter', () => {
  it.each<[string, boolean]>([
    ['{}', true],
    ['{"code":"ABCDE"}', true],
    ['{"code":"abcde"}', false],
    ['{"type":["telegram","public"]}', true],
    ['{"type":["telegram"]}', false],
    ['{"opts.issync":false}', true],
    ['{"opts":{"issync":true}}', false],
    ['{"opts.recv_timeout":[1000,5000]}', true],
    ['{"tokenlocal":"82ddc7c68623726346a78371173e2f8d"}', true],
    ['{"code":"ABCDE","type":"telegram"}', false],
    ['{"ext.ct":"2019-08-28 13:34:16.420"}', true],
    ['{"ext.ct":"2019-08-28T15:34:16.42+02:00"}', true],
    ['{"ext.ct":"2019-08-28T13:34:16Z"}', false],
    ['{"ext.lwt":"2019-09-10T12:49:25.17Z"}', true],
    ['{"url":"http://trapper.com"}', false],
    ['{"opts.comment":""}', false],
  ])('%s → %j', (filter, expected) => {
    const conditions = parseIncoplaxFilter(filter, schema);
    expect(matchesIncoplaxFilter(point, conditions)).toBe(expected);
    expect(matchesIncoplaxFilter(flattenObject(point), conditions)).toBe(expected);
  });
});
