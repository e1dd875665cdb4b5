import { describeValue } from './describe-value.util';

describe('describeValue', () => {
  it.each<[unknown, string]>([
    ['abc', '"abc"'],
    [42, '42'],
    [null, 'null'],
    [undefined, 'nothing'],
    [{ a: [1] }, '{"a":[1]}'],
    [new Date('2021-12-05T14:00:00Z'), '2021-12-05T14:00:00.000Z'],
    ['x'.repeat(100), `"${'x'.repeat(58)}…`],
  ])('%j → %s', (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });
});
