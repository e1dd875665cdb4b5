import { catchFilterSyntaxError } from '../../testing/catch-filter-syntax-error';
import { parseIncoplaxFlat } from './parse-incoplax-flat.parser';

describe('parseIncoplaxFlat', () => {
  it.each<[unknown, boolean]>([
    [undefined, false],
    ['', false],
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['false', false],
    ['False', false],
    ['0', false],
  ])('%j → %j', (raw, expected) => {
    expect(parseIncoplaxFlat(raw)).toBe(expected);
  });

  it.each<[unknown, string]>([
    ['yes', 'flat must be true, false, 1 or 0; got "yes"'],
    ['on', 'got "on"'],
    ['2', 'got "2"'],
    ['constructor', 'got "constructor"'],
    [['true', 'false'], 'flat was given more than once'],
  ])('%j → error %j', (raw, message) => {
    const error = catchFilterSyntaxError(() => parseIncoplaxFlat(raw));
    expect(error.field).toBe('flat');
    expect(error.message).toContain(message);
  });
});
