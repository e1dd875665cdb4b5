import { catchFilterSyntaxError } from '../../testing/catch-filter-syntax-error';
import { readQueryString } from './read-query-string.util';

describe('readQueryString', () => {
  it.each<[unknown, string | undefined]>([
    [undefined, undefined],
    [null, undefined],
    ['', undefined],
    ['   ', undefined],
    ['id', 'id'],
    ['  id,code ', 'id,code'],
  ])('%j → %j', (raw, expected) => {
    expect(readQueryString(raw, 'mask')).toBe(expected);
  });

  it.each<[unknown, string]>([
    [['1', '2'], 'limit was given more than once'],
    [[], 'limit was given more than once'],
    [{ a: '1' }, 'limit must be a single query-string value; got {"a":"1"}'],
    [42, 'limit must be a single query-string value; got 42'],
  ])('%j → error %j', (raw, message) => {
    const error = catchFilterSyntaxError(() => readQueryString(raw, 'limit'));
    expect(error.field).toBe('limit');
    expect(error.message).toContain(message);
  });
});
