import { isPlainObject } from './is-plain-object.util';

describe('isPlainObject', () => {
  it.each<[string, unknown, boolean]>([
    ['object literal', { a: 1 }, true],
    ['empty object', {}, true],
    ['null-prototype object', Object.create(null) as unknown, true],
    ['array', [1], false],
    ['Date', new Date(0), false],
    ['class instance', new (class Thing {})(), false],
    ['null', null, false],
    ['string', 'x', false],
  ])('%s → %s', (_label, value, expected) => {
    expect(isPlainObject(value)).toBe(expected);
  });
});
