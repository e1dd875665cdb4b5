import { catchFilterSyntaxError } from '../../testing/catch-filter-syntax-error';
import { parseOffset } from './parse-offset.parser';

describe('parseOffset', () => {
  it.each<[unknown, number]>([
    [undefined, 0],
    ['', 0],
    ['0', 0],
    ['2', 2],
    [' 25 ', 25],
    ['007', 7],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
  ])('%j → %j', (raw, expected) => {
    expect(parseOffset(raw)).toBe(expected);
  });

  it.each<[unknown, string]>([
    ['-1', 'offset must be a non-negative integer; got "-1"'],
    ['1.5', 'got "1.5"'],
    ['abc', 'got "abc"'],
    ['1e3', 'got "1e3"'],
    ['0x10', 'got "0x10"'],
    ['+3', 'got "+3"'],
    ['99999999999999999999', 'non-negative integer'],
    [['1', '2'], 'offset was given more than once'],
  ])('%j → error %j', (raw, message) => {
    const error = catchFilterSyntaxError(() => parseOffset(raw));
    expect(error.field).toBe('offset');
    expect(error.message).toContain(message);
  });
});
