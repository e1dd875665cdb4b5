import { describeAttempt, formatClock, formatCount, formatDuration, formatRatio, formatTime, isSuccessStatus, prettyPayload } from './format.util';

describe('format helpers', () => {
  it.each([
    [null, '—'],
    ['2026-11-30T01:02:03.456Z', '2026-11-30 01:02:03'],
    ['2026-11-30T03:02:03+02:00', '2026-11-30 01:02:03'],
    ['nonsense', 'nonsense'],
  ])('formatTime(%s) = %s', (iso, expected) => {
    expect(formatTime(iso)).toBe(expected);
  });

  it('formatClock shows UTC hours and minutes', () => {
    expect(formatClock('2026-11-30T23:59:59.000Z')).toBe('23:59');
  });

  it.each([
    [null, '—'],
    [Number.NaN, '—'],
    [1, '100.0 %'],
    [0, '0.0 %'],
    [0.98765, '98.8 %'],
    [0.5, '50.0 %'],
  ])('formatRatio(%s) = %s', (ratio, expected) => {
    expect(formatRatio(ratio)).toBe(expected);
  });

  it.each([
    [null, '—'],
    [0, '0 ms'],
    [12.4, '12 ms'],
    [999, '999 ms'],
    [1000, '1 s'],
    [1520, '1.52 s'],
    [1500, '1.5 s'],
    [60_000, '1 min'],
    [61_000, '1 min 1 s'],
  ])('formatDuration(%s) = %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it('formatCount groups thousands and marks a capped count', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(10000, true)).toBe('10,000+');
  });

  it.each([
    [{ a: 1, b: [true, null] }, '{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ]\n}'],
    ['{"x":"y"}', '{\n  "x": "y"\n}'],
    ['plain text, not JSON', 'plain text, not JSON'],
    [42, '42'],
    [undefined, ''],
  ])('prettyPayload(%j)', (payload, expected) => {
    expect(prettyPayload(payload)).toBe(expected);
  });

  it.each([
    [{ status_code: 200, error: null }, 'HTTP 200'],
    [{ status_code: 500, error: 'upstream broke' }, 'HTTP 500: upstream broke'],
    [{ status_code: null, error: 'ECONNREFUSED' }, 'ECONNREFUSED'],
    [{ status_code: null, error: null }, 'no answer'],
  ])('describeAttempt(%j) = %s', (attempt, expected) => {
    expect(describeAttempt(attempt)).toBe(expected);
  });

  it.each([
    [200, true],
    [299, true],
    [300, false],
    [199, false],
    [null, false],
  ])('isSuccessStatus(%s) = %s', (status, expected) => {
    expect(isSuccessStatus(status)).toBe(expected);
  });
});
