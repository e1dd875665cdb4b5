import { parseDurationMs } from './parse-duration.util';

describe('parseDurationMs', () => {
  it.each<[string, number | null]>([
    ['500ms', 500],
    ['0s', 0],
    ['5s', 5_000],
    ['0.1s', 100],
    ['1.5m', 90_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['0.0004s', 0],
    ['5', null],
    ['5 s', null],
    ['5S', null],
    ['5d', null],
    ['-5s', null],
    ['.5s', null],
    ['5.s', null],
    ['1e3ms', null],
    ['', null],
  ])('%j → %j', (text, expected) => {
    expect(parseDurationMs(text)).toBe(expected);
  });
});
