import { hasNulInUrl, scanJsonText } from './json-text.scanner';

describe('scanJsonText', () => {
  it.each([
    ['a flat object', '{"a":1,"b":"x"}', 2, null],
    ['a bare string', '"ABCDE"', 0, null],
    ['two levels under a limit of 2', '{"a":[1]}', 2, null],
    ['three levels under a limit of 2', '{"a":[{}]}', 2, 'is nested deeper than 2 levels'],
    ['brackets inside strings do not count', '{"a":"[[[[{{{{"}', 1, null],
    ['an escaped quote does not end the string', '{"a":"\\"[[["}', 1, null],
    ['an escaped backslash before the closing quote', '{"a":"\\\\"}', 1, null],
    ['siblings do not add up', '[[],[],[],[]]', 2, null],
    ['100,000 levels stop at the limit', '['.repeat(100_000) + ']'.repeat(100_000), 32, 'is nested deeper than 32 levels'],
    ['an escaped NUL in a value', '{"a":"x\\u0000"}', 32, 'contains a NUL character (\\u0000)'],
    ['an escaped NUL in a key', '{"\\u0000":1}', 32, 'contains a NUL character (\\u0000)'],
    ['an escaped NUL as the LOOKUP body', '"\\u0000"', 32, 'contains a NUL character (\\u0000)'],
    ['a raw NUL byte', '{"a":"\u0000"}', 32, 'contains a NUL character (\\u0000)'],
    ['an escaped backslash followed by u0000 is text', '{"a":"\\\\u0000"}', 32, null],
    ['\\u0001 and \\u00000 prefixes other than NUL', '{"a":"\\u0001\\u0100"}', 32, null],
  ])('%s', (_name, text, maxDepth, expected) => {
    expect(scanJsonText(text, maxDepth)).toBe(expected);
  });
});

describe('hasNulInUrl', () => {
  it.each([
    ['/callback/%00', true],
    ['/rest/v1/service/integration_points?filter=%7B%22code%22%3A%22%00%22%7D', true],
    ['/callback/a\u0000', true],
    ['/callback/%2500', false],
    ['/callback/100', false],
    ['/callback?limit=100', false],
  ])('%s → %s', (url, expected) => {
    expect(hasNulInUrl(url)).toBe(expected);
  });
});
