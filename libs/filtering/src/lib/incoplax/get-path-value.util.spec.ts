import { getPathValue } from './get-path-value.util';

describe('getPathValue', () => {
  const nested = { code: 'A', opts: { issync: true, roles: ['x'] }, nothing: null };
  const flat = { code: 'A', 'opts.issync': true };

  it.each<[Record<string, unknown>, string, unknown]>([
    [nested, 'code', 'A'],
    [nested, 'opts.issync', true],
    [nested, 'opts', { issync: true, roles: ['x'] }],
    [nested, 'nothing', null],
    [nested, 'opts.missing', undefined],
    [nested, 'code.length', undefined],
    [nested, 'opts.roles.length', undefined],
    [nested, 'constructor', undefined],
    [flat, 'opts.issync', true],
    [flat, 'opts', undefined],
  ])('%j at %j → %j', (entity, path, expected) => {
    expect(getPathValue(entity, path)).toEqual(expected);
  });
});
