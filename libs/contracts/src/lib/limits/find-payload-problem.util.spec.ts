import { findPayloadProblem } from './find-payload-problem.util';

const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
};

describe('findPayloadProblem', () => {
  it.each([
    ['a scalar', 1, 2, null],
    ['a string', 'text', 2, null],
    ['null', null, 0, null],
    ['an empty object at the limit', {}, 1, null],
    ['an object one level too deep', {}, 0, 'is nested deeper than 0 levels'],
    ['32 levels under a limit of 32', nested(32), 32, null],
    ['33 levels under a limit of 32', nested(33), 32, 'is nested deeper than 32 levels'],
    ['100,000 levels (no stack overflow)', nested(100_000), 32, 'is nested deeper than 32 levels'],
    ['a deep value beside shallow ones', { a: 1, b: [2, 3], c: nested(40) }, 32, 'is nested deeper than 32 levels'],
    ['NUL in a value', { a: 'x\u0000y' }, 32, 'contains a NUL character (\\u0000)'],
    ['NUL in a key', { 'k\u0000': 1 }, 32, 'contains a NUL character (\\u0000)'],
    ['NUL in a nested array', [[['\u0000']]], 32, 'contains a NUL character (\\u0000)'],
    ['NUL as a whole string', '\u0000', 32, 'contains a NUL character (\\u0000)'],
    ['other control characters and lone surrogates', { a: '\u0001\ud800\t' }, 32, null],
  ])('%s', (_name, value, maxDepth, expected) => {
    expect(findPayloadProblem(value, maxDepth)).toBe(expected);
  });
});
