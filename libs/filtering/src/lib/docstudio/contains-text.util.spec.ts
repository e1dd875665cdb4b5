import { containsText } from './contains-text.util';

describe('containsText', () => {
  it.each<[string | null, string, boolean]>([
    [null, 'anything', true],
    ['', 'anything', true],
    ['договір', 'новий договір оренди', true],
    ['contract', 'new contract', true],
    ['contract', 'new contact', false],
    ['contract', '', false],
  ])('%j in %j → %j', (wanted, text, expected) => {
    expect(containsText(wanted, text)).toBe(expected);
  });
});
