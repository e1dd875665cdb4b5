import { attemptSnippet } from './attempt-snippet.util';

describe('attemptSnippet', () => {
  it.each<[string, string, boolean, number, string]>([
    ['complete short body', 'ok', true, 10, 'ok'],
    ['complete long body: responseSnippet reports the real total', 'abcdefghijkl', true, 4, 'abcd …[truncated, 12 bytes total]'],
    ['cut body: the total is unknown', 'abcdefghijkl', false, 4, 'abcd …[truncated, more than 12 bytes; the rest was not read]'],
    ['cut body that fits the snippet', 'abc', false, 10, 'abc …[truncated, more than 3 bytes; the rest was not read]'],
    ['cut inside a character backs off to its start', 'abcé', false, 4, 'abc …[truncated, more than 5 bytes; the rest was not read]'],
    ['empty', '', true, 10, ''],
  ])('%s', (_label, text, complete, maxBytes, expected) => {
    expect(attemptSnippet({ bytes: Buffer.from(text), complete }, maxBytes)).toBe(expected);
  });
});
