import { catchFilterSyntaxError } from '../../testing/catch-filter-syntax-error';
import { parseLimit } from './parse-limit.parser';

const bounds = { defaultLimit: 50, maxLimit: 100 };

describe('parseLimit', () => {
  it.each<[unknown, number]>([
    [undefined, 50],
    ['', 50],
    ['1', 1],
    ['100', 100],
    [' 20 ', 20],
  ])('%j → %j', (raw, expected) => {
    expect(parseLimit(raw, bounds)).toBe(expected);
  });

  it.each<[unknown, string]>([
    ['0', 'limit must be an integer from 1 to 100; got "0"'],
    ['101', 'limit must be an integer from 1 to 100; got "101"'],
    ['-5', 'got "-5"'],
    ['ten', 'got "ten"'],
    ['2.0', 'got "2.0"'],
    [['10', '20'], 'limit was given more than once'],
  ])('%j → error %j', (raw, message) => {
    const error = catchFilterSyntaxError(() => parseLimit(raw, bounds));
    expect(error.field).toBe('limit');
    expect(error.message).toContain(message);
  });
});
