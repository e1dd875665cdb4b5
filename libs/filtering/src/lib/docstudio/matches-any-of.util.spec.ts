import { matchesAnyOf } from './matches-any-of.util';

describe('matchesAnyOf', () => {
  it.each<[string[] | null, string | string[], boolean]>([
    [null, 'x', true],
    [null, [], true],
    [['a', 'b'], 'b', true],
    [['a', 'b'], 'c', false],
    [['a', 'b'], ['c', 'a'], true],
    [['a', 'b'], ['c', 'd'], false],
    [['a'], [], false],
    [['a'], 'A', false],
  ])('wanted %j, envelope %j → %j', (wanted, values, expected) => {
    expect(matchesAnyOf(wanted === null ? null : new Set(wanted), values)).toBe(expected);
  });
});
