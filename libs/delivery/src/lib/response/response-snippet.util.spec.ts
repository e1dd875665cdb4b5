import { DEFAULT_SNIPPET_BYTES, responseSnippet } from './response-snippet.util';

const marker = (total: number): string => ` …[truncated, ${total} bytes total]`;

describe('responseSnippet', () => {
  it.each<[string, Buffer | string, number, string]>([
    ['empty', '', 10, ''],
    ['short text as is', 'ok', 10, 'ok'],
    ['exactly the limit', 'abcdefghij', 10, 'abcdefghij'],
    ['one byte over', 'abcdefghijk', 10, `abcdefghij${marker(11)}`],
    ['a Buffer', Buffer.from('{"error":"nope"}'), 8, `{"error"${marker(16)}`],
    // 'é' is 2 bytes, '€' 3, '😀' 4: a cut inside one backs off to the character's start
    ['cut inside a 2-byte character', 'abcé', 4, `abc${marker(5)}`],
    ['cut after a 2-byte character', 'abcéz', 5, `abcé${marker(6)}`],
    ['cut inside a 3-byte character (1 byte in)', 'ab€', 3, `ab${marker(5)}`],
    ['cut inside a 3-byte character (2 bytes in)', 'ab€', 4, `ab${marker(5)}`],
    ['cut inside a 4-byte character (3 bytes in)', 'a😀b', 4, `a${marker(6)}`],
    ['cut right after a 4-byte character', 'a😀b', 5, `a😀${marker(6)}`],
    ['Cyrillic, byte-counted', 'Привіт', 5, `Пр${marker(12)}`],
    ['maxBytes 0', 'abc', 0, marker(3)],
    ['NUL becomes U+FFFD', 'a\0b', 10, 'a\uFFFDb'],
    ['invalid UTF-8 becomes U+FFFD', Buffer.from([0x61, 0xff, 0x62]), 10, 'a\uFFFDb'],
    ['binary junk made of continuation bytes is cut where asked', Buffer.alloc(10, 0x80), 4, `${'\uFFFD'.repeat(4)}${marker(10)}`],
  ])('%s', (_label, input, maxBytes, expected) => {
    expect(responseSnippet(input, maxBytes)).toBe(expected);
  });

  it('keeps 1024 bytes by default', () => {
    expect(DEFAULT_SNIPPET_BYTES).toBe(1024);
    expect(responseSnippet('x'.repeat(5000))).toBe(`${'x'.repeat(1024)}${marker(5000)}`);
    expect(responseSnippet('x'.repeat(1024))).toBe('x'.repeat(1024));
  });

  it('never keeps more than maxBytes of the body, for any cut point', () => {
    const text = 'aé€😀'.repeat(20);
    for (let max = 0; max <= 50; max++) {
      const kept = responseSnippet(text, max).replace(/ …\[truncated, \d+ bytes total\]$/, '');
      expect(Buffer.byteLength(kept)).toBeLessThanOrEqual(max);
      expect(Buffer.byteLength(kept)).toBeGreaterThan(max - 4);
      expect(kept).not.toContain('\uFFFD');
    }
  });

  it.each([-1, 1.5, NaN])('maxBytes %p is a RangeError', (maxBytes) => {
    expect(() => responseSnippet('x', maxBytes)).toThrow(RangeError);
  });
});
