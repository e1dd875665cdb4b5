import { FilterSyntaxError } from '../filter-syntax.error';
import { parseJsonParam } from './parse-json-param.util';

describe('parseJsonParam', () => {
  it.each([
    ['{"code":"a"}', { code: 'a' }],
    ['[1,"x",null]', [1, 'x', null]],
    ['"\\\\u0000"', '\\u0000'],
  ])('parses %s', (text, expected) => {
    expect(parseJsonParam(text, 'filter')).toEqual(expected);
  });

  it.each([
    ['broken JSON', '{"code":', 'filter is not valid JSON'],
    ['NUL in a value', '{"code":"\\u0000"}', 'filter contains a NUL character (\\u0000)'],
    ['NUL in a key', '{"\\u0000":"a"}', 'filter contains a NUL character (\\u0000)'],
    ['NUL in a list', '[{"property":"event","value":["a","b\\u0000"]}]', 'filter contains a NUL character (\\u0000)'],
    ['NUL 5,000 levels down (no stack overflow)', '['.repeat(5000) + '"\\u0000"' + ']'.repeat(5000), 'filter contains a NUL character (\\u0000)'],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseJsonParam(text, 'filter')).toThrow(FilterSyntaxError);
    expect(() => parseJsonParam(text, 'filter')).toThrow(message);
  });
});
